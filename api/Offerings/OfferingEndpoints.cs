using Microsoft.AspNetCore.Http.HttpResults;
using WebKita.Api.Accounts;
using WebKita.Api.Problems;
using WebKita.Grains.Common;
using WebKita.Silo.Registration;
using WebKita.Silo.Runtime;

namespace WebKita.Api.Offerings;

public static class OfferingEndpoints
{
    public static void MapOfferings(this RouteGroupBuilder tenant)
    {
        // Families browse offerings before they have an account; the county creates them, and
        // the county or the school's staff change them.
        var offerings = tenant.MapGroup("/offerings").WithTags("Offerings");
        offerings.MapGet("/", List).AllowAnonymous().Produces<OfferingResponse[]>();
        offerings.MapGet("/{id:guid}", Get).AllowAnonymous().Produces<OfferingResponse>();
        offerings.MapPost("/", Create).RequireAuthorization(Policies.CountyAdmin).Produces<OfferingResponse>(StatusCodes.Status201Created).Produces<OfferingResponse>();
        offerings.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.Staff).Produces<OfferingResponse>();
    }

    private static async Task<Ok<OfferingResponse[]>> List(
        string tenant, Guid? schoolId, RegistrationDirectory registration, TimeProvider time, CancellationToken cancellationToken)
    {
        var offerings = await registration.ListOfferingsAsync(new TenantId(tenant), schoolId, cancellationToken);
        var now = time.GetUtcNow(); // one moment for the whole list
        return TypedResults.Ok(offerings.Select(o => OfferingResponse.From(o, now)).ToArray());
    }

    private static async Task<IResult> Get(string tenant, Guid id, RegistrationDirectory registration, TimeProvider time, CancellationToken cancellationToken) =>
        await registration.FindOfferingAsync(new TenantId(tenant), id, cancellationToken) is { } offering
            ? TypedResults.Ok(OfferingResponse.From(offering, time.GetUtcNow()))
            : TypedResults.Problem(statusCode: 404, title: "There is no such offering.");

    private static async Task<IResult> Create(
        string tenant, OfferingRequest request, HttpRequest http, OfferingCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Caller.From(http.HttpContext.User) is not { } caller || !caller.IsAdminOf(tenant))
        {
            return TypedResults.NotFound();
        }

        var (key, problem) = IdempotencyKey.Read(http);
        if (problem is not null)
        {
            return problem;
        }

        var tenantId = new TenantId(tenant);
        var id = key is null ? Guid.NewGuid() : IdempotencyKey.IdFor(tenantId, GrainKinds.Offering, key);
        var (reply, errors) = await catalog.CreateAsync(caller, id, request, cancellationToken);
        if (reply is null)
        {
            return RefusalResults.Invalid(errors);
        }

        return reply switch
        {
            { Refusal.Code: "offering.exists", Offering: { } existing } => TypedResults.Ok(OfferingResponse.From(existing, time.GetUtcNow())),
            { Refusal: { } refusal } => refusal.ToProblem(),
            _ => TypedResults.Created($"/api/v1/tenants/{tenant}/offerings/{id}", OfferingResponse.From(reply.Offering!, time.GetUtcNow())),
        };
    }

    private static async Task<IResult> Update(
        string tenant, Guid id, OfferingRequest request, HttpContext http, RegistrationDirectory registration, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant))
        {
            return TypedResults.NotFound();
        }

        var (terms, errors) = request.ToTerms();
        if (terms is null)
        {
            return RefusalResults.Invalid(errors);
        }

        // The offering's turn checks that staff act only at their own schools.
        var reply = await registration.SendAsync(caller.Tenant, id, new ChangeOfferingTerms(terms) { By = caller.ToActor(), Reason = request.Reason }, cancellationToken);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(OfferingResponse.From(reply.Offering!, time.GetUtcNow()));
    }
}
