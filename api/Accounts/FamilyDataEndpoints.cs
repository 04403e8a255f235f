using WebKita.Api.Applications;
using WebKita.Api.Problems;
using WebKita.Api.Rounds;
using WebKita.Silo.Accounts;

namespace WebKita.Api.Accounts;

/// <summary>The GDPR rights of a family: to see everything held about it, and to be forgotten.</summary>
public static class FamilyDataEndpoints
{
    public static void MapFamilyData(this RouteGroupBuilder tenant)
    {
        var me = tenant.MapGroup("/me").WithTags("Accounts").RequireAuthorization(Policies.Family);
        me.MapGet("/applications", Applications).Produces<FamilyApplicationsResponse>();
        me.MapGet("/export", Export);
        me.MapDelete("/", Delete).Produces(StatusCodes.Status204NoContent);
    }

    /// <summary>First-come-first-served applications and round applications, each with the status the family acts on.</summary>
    private static async Task<IResult> Applications(
        string tenant, HttpContext http, FamilyData family, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant))
        {
            return TypedResults.NotFound();
        }

        var applications = await family.ApplicationsAsync(caller, cancellationToken);
        var ranked = await family.RoundApplicationsAsync(caller, cancellationToken);
        return TypedResults.Ok(new FamilyApplicationsResponse(
            [.. applications.Select(ApplicationResponse.From)],
            [.. ranked.Select(r => RankedApplicationResponse.From(r.Application, r.Round))]));
    }

    private static async Task<IResult> Export(
        string tenant, HttpContext http, AccountDirectory accounts, FamilyData family, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant)
            || await accounts.FindAsync(caller.Tenant, caller.AccountId, cancellationToken) is not { IsDeleted: false } account)
        {
            return TypedResults.NotFound();
        }

        var applications = await family.ApplicationsAsync(caller, cancellationToken);
        var ranked = await family.RoundApplicationsAsync(caller, cancellationToken);
        http.Response.Headers.ContentDisposition = "attachment; filename=\"webkita-daten.json\"";
        return TypedResults.Ok(new
        {
            exportedAt = time.GetUtcNow(),
            account = AccountResponse.From(account),
            applications = applications.Select(a => new
            {
                application = ApplicationResponse.From(a),
                birthDate = a.Application.Child.BirthDate,
            }),
            roundApplications = ranked.Select(r => new
            {
                application = RankedApplicationResponse.From(r.Application, r.Round),
                roundTitle = r.Round?.Title,
                birthDate = r.Application.Child.BirthDate,
                claims = r.Application.Facts,
                siblingGroupId = r.Application.SiblingGroupId,
            }),
        });
    }

    private static async Task<IResult> Delete(string tenant, HttpContext http, FamilyData family, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant))
        {
            return TypedResults.NotFound();
        }

        return await family.EraseAsync(caller, cancellationToken) is { } refusal ? refusal.ToProblem() : TypedResults.NoContent();
    }
}
