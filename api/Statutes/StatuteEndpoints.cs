using WebKita.Api.Accounts;
using WebKita.Api.Problems;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Silo.Statutes;

namespace WebKita.Api.Statutes;

public static class StatuteEndpoints
{
    public static void MapStatute(this RouteGroupBuilder tenant)
    {
        // Staff of the tenant read the rules to explain rankings to families; only the county changes them.
        var statute = tenant.MapGroup("/statute").WithTags("Statute");
        statute.MapGet("/", Current).RequireAuthorization(Policies.Staff).Produces<StatuteResponse>();
        statute.MapGet("/versions/{version:int}", Version).RequireAuthorization(Policies.Staff).Produces<StatuteResponse>();
        statute.MapPut("/", Amend).RequireAuthorization(Policies.CountyAdmin).Produces<StatuteResponse>();
    }

    private static async Task<IResult> Current(string tenant, HttpContext http, StatuteDirectory statutes, CancellationToken cancellationToken)
    {
        if (!ReadsStatuteOf(tenant, Caller.From(http.User)))
        {
            return TypedResults.NotFound();
        }

        return await statutes.FindAsync(new TenantId(tenant), cancellationToken) is { } statute
            ? TypedResults.Ok(StatuteResponse.From(statute.Current()))
            : NotFound("The county has no statute yet.");
    }

    private static async Task<IResult> Version(string tenant, int version, HttpContext http, StatuteDirectory statutes, CancellationToken cancellationToken)
    {
        if (!ReadsStatuteOf(tenant, Caller.From(http.User)))
        {
            return TypedResults.NotFound();
        }

        return (await statutes.FindAsync(new TenantId(tenant), cancellationToken))?.Find(version) is { } found
            ? TypedResults.Ok(StatuteResponse.From(found))
            : NotFound($"The statute has no version {version}.");
    }

    /// <summary>Answers the version now in force: a new one, or the current one when the rules did not change.</summary>
    private static async Task<IResult> Amend(string tenant, StatuteRequest request, HttpContext http, StatuteDirectory statutes, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsAdminOf(tenant))
        {
            return TypedResults.NotFound();
        }

        var (criteria, priorityGrades, errors) = request.ToRules();
        if (errors.Count > 0)
        {
            return RefusalResults.Invalid(errors);
        }

        var outcome = await statutes.AmendAsync(caller.Tenant, criteria!, priorityGrades!, caller.AccountId, cancellationToken, caller.ToActor());
        return outcome.Value is { } statute ? TypedResults.Ok(StatuteResponse.From(statute.Current())) : outcome.Refusal!.ToProblem();
    }

    private static bool ReadsStatuteOf(string tenant, Caller? caller) =>
        caller is { Role: Role.CountyAdmin or Role.SchoolStaff } && caller.IsIn(tenant);

    private static IResult NotFound(string title) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, extensions: new Dictionary<string, object?> { ["code"] = "statute.not_found" });
}
