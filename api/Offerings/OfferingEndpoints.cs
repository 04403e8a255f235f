using Microsoft.AspNetCore.Http.HttpResults;
using WebKita.Api.Problems;
using WebKita.Grains.Common;
using WebKita.Silo.Registration;
using WebKita.Silo.Runtime;
using WebKita.Silo.Schools;

namespace WebKita.Api.Offerings;

public static class OfferingEndpoints
{
    public static void MapOfferings(this RouteGroupBuilder tenant)
    {
        var offerings = tenant.MapGroup("/offerings").WithTags("Offerings").AllowAnonymous();
        offerings.MapGet("/", List);
        offerings.MapGet("/{id:guid}", Get);
        offerings.MapPost("/", Create);
        offerings.MapPut("/{id:guid}", Update);
    }

    private static async Task<Ok<OfferingResponse[]>> List(string tenant, Guid? schoolId, RegistrationDirectory registration, CancellationToken cancellationToken) =>
        TypedResults.Ok((await registration.ListOfferingsAsync(new TenantId(tenant), schoolId, cancellationToken)).Select(OfferingResponse.From).ToArray());

    private static async Task<IResult> Get(string tenant, Guid id, RegistrationDirectory registration, CancellationToken cancellationToken) =>
        await registration.FindOfferingAsync(new TenantId(tenant), id, cancellationToken) is { } offering
            ? TypedResults.Ok(OfferingResponse.From(offering))
            : TypedResults.Problem(statusCode: 404, title: "There is no such offering.");

    private static async Task<IResult> Create(
        string tenant, OfferingRequest request, HttpRequest http, SchoolDirectory schools, RegistrationDirectory registration, CancellationToken cancellationToken)
    {
        var (key, problem) = IdempotencyKey.Read(http);
        var (terms, errors) = request.ToTerms();
        if (problem is not null || terms is null)
        {
            return problem ?? RefusalResults.Invalid(errors);
        }

        var tenantId = new TenantId(tenant);
        if (await schools.FindAsync(tenantId, terms.SchoolId, cancellationToken) is null)
        {
            return RefusalResults.Invalid("schoolId", "names no school of this tenant");
        }

        var id = key is null ? Guid.NewGuid() : IdempotencyKey.IdFor(tenantId, GrainKinds.Offering, key);
        var reply = await registration.SendAsync(tenantId, id, new CreateOffering(terms), cancellationToken);
        return reply switch
        {
            { Refusal.Code: "offering.exists", Offering: { } existing } => TypedResults.Ok(OfferingResponse.From(existing)),
            { Refusal: { } refusal } => refusal.ToProblem(),
            _ => TypedResults.Created($"/api/v1/tenants/{tenant}/offerings/{id}", OfferingResponse.From(reply.Offering!)),
        };
    }

    private static async Task<IResult> Update(
        string tenant, Guid id, OfferingRequest request, RegistrationDirectory registration, CancellationToken cancellationToken)
    {
        var (terms, errors) = request.ToTerms();
        if (terms is null)
        {
            return RefusalResults.Invalid(errors);
        }

        var reply = await registration.SendAsync(new TenantId(tenant), id, new ChangeOfferingTerms(terms), cancellationToken);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(OfferingResponse.From(reply.Offering!));
    }
}
