using WebKita.Api.Accounts;
using WebKita.Api.Applications;
using WebKita.Grains.Applications;
using WebKita.Grains.Rounds;
using WebKita.Silo.Accounts;
using WebKita.Silo.Rounds;

namespace WebKita.Api.Rounds;

/// <summary>Ranked applications to a round, for the JSON endpoints and the family's form alike.</summary>
public sealed class RoundApplicationDesk(RoundDirectory rounds, AccountDirectory accounts)
{
    /// <summary>
    /// A family names a child of its account; staff give a paper application's child and
    /// optionally the family's account. The key is the caller's own, so a retry finds the
    /// application it made. Null reply: field errors, keyed by the JSON field names.
    /// </summary>
    public async Task<(RoundReply? Reply, Dictionary<string, string[]> Errors)> SubmitAsync(
        Caller caller, Guid roundId, string key, RankedApplicationRequest request, CancellationToken cancellationToken)
    {
        var asApplication = new ApplicationRequest(request.Child, request.ChildId, request.Grade, request.FamilyId);
        var (child, familyId, errors) = await ApplicantChild.ForSubmissionAsync(caller, asApplication, accounts, cancellationToken);
        if (child is null)
        {
            return (null, errors);
        }

        var form = new ApplicationForm(child, request.Preferences ?? [], request.Facts(), request.SiblingGroupId, familyId);
        var command = new SubmitRankedApplication(form, $"{caller.AccountId:N}/{key}") { By = caller.ToActor() };
        return (await rounds.SendAsync(caller.Tenant, roundId, command, cancellationToken), errors);
    }

    /// <summary>
    /// The applications that ask for a place at one of the caller's schools (a county admin: all),
    /// filtered by school, offering and status. Null when the round has none of the caller's
    /// schools, so staff cannot probe other schools' rounds.
    /// </summary>
    public async Task<(AllocationRound Round, IReadOnlyList<RankedApplication> Applications)?> ListForStaffAsync(
        Caller caller, Guid roundId, Guid? schoolId, Guid? offeringId, ApplicationStatus? status, CancellationToken cancellationToken)
    {
        var tenant = caller.Tenant.Value;
        if (await rounds.FindRoundAsync(caller.Tenant, roundId, cancellationToken) is not { } round
            || !round.Offerings.Any(o => caller.ManagesSchool(tenant, o.SchoolId)))
        {
            return null;
        }

        bool Visible(Guid offering) => round.Offering(offering) is { } o && caller.ManagesSchool(tenant, o.SchoolId) && (schoolId is null || o.SchoolId == schoolId);
        var applications = (await rounds.ListApplicationsAsync(caller.Tenant, roundId, cancellationToken))
            .Where(a => a.Preferences.Any(Visible) && (offeringId is null || a.Preferences.Contains(offeringId.Value)) && (status is null || a.Status == status));
        return (round, [.. applications]);
    }
}
