using WebKita.Api.Applications;
using WebKita.Api.Problems;
using WebKita.Api.Rounds;
using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Rounds;
using WebKita.Silo.Accounts;
using WebKita.Silo.Registration;
using WebKita.Silo.Rounds;

namespace WebKita.Api.Accounts;

/// <summary>The GDPR rights of a family: to see everything held about it, and to be forgotten.</summary>
public static class FamilyDataEndpoints
{
    private static readonly Refusal ActivePlace = new(
        "account.active_place", "The family holds a place; the account can be deleted once the place has ended or been given back.");

    public static void MapFamilyData(this RouteGroupBuilder tenant)
    {
        var me = tenant.MapGroup("/me").WithTags("Accounts").RequireAuthorization(Policies.Family);
        me.MapGet("/applications", Applications);
        me.MapGet("/export", Export);
        me.MapDelete("/", Delete);
    }

    /// <summary>First-come-first-served applications and round applications, each with the status the family acts on.</summary>
    private static async Task<IResult> Applications(
        string tenant, HttpContext http, RegistrationDirectory registration, RoundDirectory rounds, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant))
        {
            return TypedResults.NotFound();
        }

        var applications = await registration.ListApplicationsOfFamilyAsync(caller.Tenant, caller.AccountId, cancellationToken);
        var ranked = await RoundApplicationsAsync(caller, rounds, cancellationToken);
        return TypedResults.Ok(new FamilyApplicationsResponse(
            [.. applications.Select(ApplicationResponse.From)],
            [.. ranked.Select(r => RankedApplicationResponse.From(r.Application, r.Round))]));
    }

    private static async Task<IResult> Export(
        string tenant, HttpContext http, AccountDirectory accounts, RegistrationDirectory registration, RoundDirectory rounds, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant)
            || await accounts.FindAsync(caller.Tenant, caller.AccountId, cancellationToken) is not { IsDeleted: false } account)
        {
            return TypedResults.NotFound();
        }

        var applications = await registration.ListApplicationsOfFamilyAsync(caller.Tenant, caller.AccountId, cancellationToken);
        var ranked = await RoundApplicationsAsync(caller, rounds, cancellationToken);
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

    /// <summary>
    /// Refused while a place is held (offered, accepted or confirmed, in an offering or a round):
    /// the place must end or be given back first. Otherwise waiting applications are withdrawn,
    /// every application's child data erased, then the account.
    /// </summary>
    private static async Task<IResult> Delete(
        string tenant, HttpContext http, AccountDirectory accounts, RegistrationDirectory registration, RoundDirectory rounds, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant))
        {
            return TypedResults.NotFound();
        }

        var applications = await registration.ListApplicationsOfFamilyAsync(caller.Tenant, caller.AccountId, cancellationToken);
        var ranked = await RoundApplicationsAsync(caller, rounds, cancellationToken);
        if (applications.Any(a => a.Application.Status.HoldsPlace()) || ranked.Any(r => r.Application.Status.HoldsPlace()))
        {
            return ActivePlace.ToProblem();
        }

        foreach (var view in applications)
        {
            var reply = await registration.SendAsync(caller.Tenant, view.Application.OfferingId, new EraseApplication(view.Application.Id), cancellationToken);
            if (reply.Refusal is { } refusal)
            {
                return Refused(refusal);
            }
        }

        foreach (var (application, _) in ranked)
        {
            var command = new EraseRankedApplication(application.Id) { By = caller.ToActor() };
            if ((await rounds.SendAsync(caller.Tenant, application.RoundId, command, cancellationToken)).Refusal is { } refusal)
            {
                return Refused(refusal);
            }
        }

        await accounts.ChangeAsync(caller.Tenant, caller.AccountId, account => Outcome<Grains.Accounts.Account>.Done(account.Erase(time.GetUtcNow())), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// A waiting child was offered a place since the check: the account stays, what was erased
    /// stays erased, and a retry after the offer is answered finishes the deletion.
    /// </summary>
    private static IResult Refused(Refusal refusal) => (refusal.Code == "application.active" ? ActivePlace : refusal).ToProblem();

    private static async Task<IReadOnlyList<(RankedApplication Application, AllocationRound? Round)>> RoundApplicationsAsync(
        Caller caller, RoundDirectory rounds, CancellationToken cancellationToken)
    {
        var applications = await rounds.ListApplicationsOfFamilyAsync(caller.Tenant, caller.AccountId, cancellationToken);
        var byId = new Dictionary<Guid, AllocationRound?>();
        foreach (var roundId in applications.Select(a => a.RoundId).Distinct())
        {
            byId[roundId] = await rounds.FindRoundAsync(caller.Tenant, roundId, cancellationToken);
        }

        return [.. applications.Select(a => (a, byId[a.RoundId]))];
    }
}
