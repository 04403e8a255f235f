using WebKita.Api.Accounts;
using WebKita.Silo.Accounts;
using WebKita.Silo.Registration;

namespace WebKita.Api.Applications;

/// <summary>
/// Submissions and decisions about first-come-first-served applications, for the JSON endpoints
/// and the pages alike. Who may act is checked here (null for what the caller may not see, so
/// nobody can probe which ids exist) and again in the offering's turn, which decides the outcome.
/// </summary>
public sealed class ApplicationDesk(RegistrationDirectory registration, AccountDirectory accounts)
{
    /// <summary>
    /// A family names a child of its account; staff give a paper application's child. The key is
    /// the caller's own: another account's key, equal by chance, names nothing of theirs.
    /// </summary>
    public async Task<(OfferingReply? Reply, Dictionary<string, string[]> Errors)> SubmitAsync(
        Caller caller, Guid offeringId, string key, ApplicationRequest request, CancellationToken cancellationToken)
    {
        var (child, familyId, errors) = await ApplicantChild.ForSubmissionAsync(caller, request, accounts, cancellationToken);
        if (child is null)
        {
            return (null, errors);
        }

        var command = new SubmitApplication(child, $"{caller.AccountId:N}/{key}", familyId) { By = caller.ToActor() };
        return (await registration.SendAsync(caller.Tenant, offeringId, command, cancellationToken), errors);
    }

    /// <summary>Sends a decision about one application to its offering; null when the caller may not see the application.</summary>
    public async Task<OfferingReply?> DecideAsync(Caller caller, Guid id, ApplicationDecision command, CancellationToken cancellationToken) =>
        await VisibleAsync(caller, id, cancellationToken) is { } view
            ? await registration.SendAsync(caller.Tenant, view.Application.OfferingId, command with { By = caller.ToActor() }, cancellationToken)
            : null;

    /// <summary>The application if the caller may see it; otherwise null.</summary>
    public async Task<ApplicationView?> VisibleAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        await registration.FindApplicationAsync(caller.Tenant, id, cancellationToken) is { } view
        && caller.ToActor().MayActOn(view.Application, view.SchoolId)
            ? view
            : null;
}
