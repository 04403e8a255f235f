using WebKita.Api.Accounts;
using WebKita.Api.Problems;
using WebKita.Grains.Buildings;
using WebKita.Grains.Common;
using WebKita.Silo.Buildings;
using WebKita.Silo.Runtime;
using WebKita.Silo.Schools;

namespace WebKita.Api.Buildings;

public static class BuildingEndpoints
{
    public static void MapBuildings(this RouteGroupBuilder tenant)
    {
        // Facility managers see the buildings they answer for; the county manages all of them.
        var buildings = tenant.MapGroup("/buildings").WithTags("Buildings");
        buildings.MapGet("/", List).RequireAuthorization(Policies.FacilityOrAdmin).Produces<BuildingResponse[]>();
        buildings.MapPost("/", Create).RequireAuthorization(Policies.CountyAdmin).Produces<BuildingResponse>(StatusCodes.Status201Created).Produces<BuildingResponse>();
        buildings.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.CountyAdmin).Produces<BuildingResponse>();
    }

    private static async Task<IResult> List(string tenant, Guid? schoolId, HttpContext http, BuildingDirectory buildings, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant))
        {
            return TypedResults.NotFound();
        }

        var all = await buildings.ListAsync(new TenantId(tenant), schoolId, cancellationToken);
        return TypedResults.Ok(all.Where(b => caller.Oversees(tenant, b.Id)).Select(BuildingResponse.From).ToArray());
    }

    private static async Task<IResult> Create(
        string tenant, BuildingRequest request, HttpRequest http, BuildingDirectory buildings, SchoolDirectory schools, CancellationToken cancellationToken)
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
        if (request.SchoolId is not { } schoolId || await schools.FindAsync(tenantId, schoolId, cancellationToken) is null)
        {
            return RefusalResults.Invalid("schoolId", "must name a school of the tenant");
        }

        var id = key is null ? Guid.NewGuid() : IdempotencyKey.IdFor(tenantId, GrainKinds.Building, key);
        var outcome = await buildings.CreateAsync(tenantId, id, schoolId, request.Name ?? "", Rooms(request), cancellationToken, caller.ToActor());
        if (outcome.Refusal is { Code: "building.exists" } && await buildings.FindAsync(tenantId, id, cancellationToken) is { } existing)
        {
            return TypedResults.Ok(BuildingResponse.From(existing));
        }

        return outcome.Value is { } building
            ? TypedResults.Created($"/api/v1/tenants/{tenant}/buildings/{building.Id}", BuildingResponse.From(building))
            : outcome.Refusal!.ToProblem();
    }

    private static async Task<IResult> Update(string tenant, Guid id, BuildingRequest request, HttpContext http, BuildingDirectory buildings, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsAdminOf(tenant))
        {
            return TypedResults.NotFound();
        }

        var outcome = await buildings.UpdateAsync(caller.Tenant, id, request.Name ?? "", Rooms(request), cancellationToken, caller.ToActor());
        return outcome.Value is { } building ? TypedResults.Ok(BuildingResponse.From(building)) : outcome.Refusal!.ToProblem();
    }

    private static Room[] Rooms(BuildingRequest request) => [.. (request.Rooms ?? []).Select(r => new Room(r.Code ?? "", r.Name ?? ""))];
}
