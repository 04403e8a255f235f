using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Rounds;
using WebKita.Silo.Accounts;
using WebKita.Silo.Registration;
using WebKita.Silo.Rounds;

namespace WebKita.Api.Accounts;

/// <summary>
/// What a family has applied for, and its right to be forgotten: one implementation for the JSON
/// endpoints and the pages.
/// </summary>
public sealed class FamilyData(AccountDirectory accounts, RegistrationDirectory registration, RoundDirectory rounds)
{
    private static readonly Refusal ActivePlace = new(
        "account.active_place", "The family holds a place; the account can be deleted once the place has ended or been given back.");

    public Task<IReadOnlyList<ApplicationView>> ApplicationsAsync(Caller caller, CancellationToken cancellationToken) =>
        registration.ListApplicationsOfFamilyAsync(caller.Tenant, caller.AccountId, cancellationToken);

    public async Task<IReadOnlyList<(RankedApplication Application, AllocationRound? Round)>> RoundApplicationsAsync(
        Caller caller, CancellationToken cancellationToken)
    {
        var applications = await rounds.ListApplicationsOfFamilyAsync(caller.Tenant, caller.AccountId, cancellationToken);
        var byId = new Dictionary<Guid, AllocationRound?>();
        foreach (var roundId in applications.Select(a => a.RoundId).Distinct())
        {
            byId[roundId] = await rounds.FindRoundAsync(caller.Tenant, roundId, cancellationToken);
        }

        return [.. applications.Select(a => (a, byId[a.RoundId]))];
    }

    /// <summary>
    /// Refused while a place is held (offered, accepted or confirmed, in an offering or a round):
    /// the place must end or be given back first. Otherwise waiting applications are withdrawn,
    /// every application's child data erased, then the account. A waiting child offered a place
    /// since the check keeps the account; what was erased stays erased, and a retry after the
    /// offer is answered finishes the deletion.
    /// </summary>
    public async Task<Refusal?> EraseAsync(Caller caller, CancellationToken cancellationToken)
    {
        var applications = await ApplicationsAsync(caller, cancellationToken);
        var ranked = await RoundApplicationsAsync(caller, cancellationToken);
        if (applications.Any(a => a.Application.Status.HoldsPlace()) || ranked.Any(r => r.Application.Status.HoldsPlace()))
        {
            return ActivePlace;
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

        await accounts.EraseAsync(caller.Tenant, caller.AccountId, cancellationToken);
        return null;
    }

    private static Refusal Refused(Refusal refusal) => refusal.Code == "application.active" ? ActivePlace : refusal;
}
