using Microsoft.AspNetCore.Http.HttpResults;
using WebKita.Api.Accounts;
using WebKita.Api.Problems;
using WebKita.Grains.Common;
using WebKita.Silo.Runtime;
using WebKita.Silo.Schools;

namespace WebKita.Api.Schools;

public static class SchoolEndpoints
{
    public static void MapSchools(this RouteGroupBuilder tenant)
    {
        // Which schools offer care is public; changing them is the county's.
        var schools = tenant.MapGroup("/schools").WithTags("Schools");
        schools.MapGet("/", List).AllowAnonymous().Produces<SchoolResponse[]>();
        schools.MapGet("/{id:guid}", Get).AllowAnonymous().Produces<SchoolResponse>();
        schools.MapPost("/", Create).RequireAuthorization(Policies.CountyAdmin).Produces<SchoolResponse>(StatusCodes.Status201Created).Produces<SchoolResponse>();
        schools.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.CountyAdmin).Produces<SchoolResponse>();
    }

    private static async Task<Ok<SchoolResponse[]>> List(string tenant, SchoolDirectory schools, CancellationToken cancellationToken) =>
        TypedResults.Ok((await schools.ListAsync(new TenantId(tenant), cancellationToken)).Select(SchoolResponse.From).ToArray());

    private static async Task<IResult> Get(string tenant, Guid id, SchoolDirectory schools, CancellationToken cancellationToken) =>
        await schools.FindAsync(new TenantId(tenant), id, cancellationToken) is { } school
            ? TypedResults.Ok(SchoolResponse.From(school))
            : TypedResults.Problem(statusCode: 404, title: "There is no such school.");

    private static async Task<IResult> Create(string tenant, SchoolRequest request, HttpRequest http, SchoolDirectory schools, CancellationToken cancellationToken)
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
        var id = key is null ? Guid.NewGuid() : IdempotencyKey.IdFor(tenantId, GrainKinds.School, key);
        var outcome = await schools.CreateAsync(tenantId, id, request.Name ?? "", request.Address, cancellationToken, caller.ToActor());
        if (outcome.Refusal is { Code: "school.exists" } && await schools.FindAsync(tenantId, id, cancellationToken) is { } existing)
        {
            return TypedResults.Ok(SchoolResponse.From(existing));
        }

        return outcome.Value is { } school
            ? TypedResults.Created($"/api/v1/tenants/{tenant}/schools/{school.Id}", SchoolResponse.From(school))
            : outcome.Refusal!.ToProblem();
    }

    private static async Task<IResult> Update(string tenant, Guid id, SchoolRequest request, HttpContext http, SchoolDirectory schools, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsAdminOf(tenant))
        {
            return TypedResults.NotFound();
        }

        var outcome = await schools.UpdateAsync(caller.Tenant, id, request.Name ?? "", request.Address, cancellationToken, caller.ToActor());
        return outcome.Value is { } school ? TypedResults.Ok(SchoolResponse.From(school)) : outcome.Refusal!.ToProblem();
    }
}
