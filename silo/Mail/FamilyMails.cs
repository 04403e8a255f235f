using System.Globalization;
using System.Text.Json;
using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Silo.Accounts;
using WebKita.Silo.Registration;
using WebKita.Silo.Rounds;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Mail;

/// <summary>
/// Decides which family mail an application event makes. The deadline and reason come from the
/// event (what was true when it happened); the child's first name, the family and the offering
/// from the current state, so an erased application mails nobody. Paper applications without an
/// account mail nobody: staff told those families on paper.
/// </summary>
public sealed class FamilyMails(
    RegistrationDirectory registration, RoundDirectory rounds, AccountDirectory accounts, MailPreferenceBook preferences, MailLinks links)
{
    public async Task<MailDraft?> ForEventAsync(OutboxEntry entry, TenantMailSettings settings, CancellationToken cancellationToken)
    {
        MailTopic? topic = entry.Type switch
        {
            "application.offered" => MailTopic.Offer,
            "application.confirmed" => MailTopic.Confirmed,
            "application.rejected" => MailTopic.Rejected,
            _ => null,
        };
        if (topic is not { } about)
        {
            return null;
        }

        var data = JsonSerializer.Deserialize<Dictionary<string, string>>(entry.Payload, GrainJson.Options)!;
        var tenant = new TenantId(entry.Tenant);
        var application = await FindAsync(tenant, entry.GrainId, data.ContainsKey("roundId"), cancellationToken);
        if (application is null || await RecipientAsync(tenant, application, about, cancellationToken) is not { } to)
        {
            return null;
        }

        var offering = await OfferingTitleAsync(tenant, application.OfferingId ?? (data.TryGetValue("offeringId", out var id) ? Guid.Parse(id) : null), cancellationToken);
        var child = application.ChildFirstName;
        var content = about switch
        {
            MailTopic.Offer when data.TryGetValue("offerExpiresAt", out var expires) =>
                FamilyTexts.Offer(child, offering, DateTimeOffset.Parse(expires, CultureInfo.InvariantCulture), links.ApplicationsPage(), settings.CountyName),
            MailTopic.Confirmed => FamilyTexts.Confirmed(child, offering, links.ApplicationsPage(), settings.CountyName),
            MailTopic.Rejected => FamilyTexts.Rejected(child, offering, data.GetValueOrDefault("reason") ?? "", links.ApplicationsPage(), settings.CountyName),
            _ => null,
        };
        return content is null ? null : new MailDraft(EventOccasion(entry), about, application.FamilyId!.Value, to, content);
    }

    /// <summary>The reminder before an offer lapses, if the offer is still open with that deadline; its occasion is the offer, not an event.</summary>
    public async Task<MailDraft?> OfferReminderAsync(
        TenantId tenant, Guid applicationId, bool inRound, DateTimeOffset now, TenantMailSettings settings, CancellationToken cancellationToken)
    {
        var application = await FindAsync(tenant, applicationId, inRound, cancellationToken);
        if (application is not { Status: ApplicationStatus.Offered, OfferExpiresAt: { } expires } || expires <= now
            || await RecipientAsync(tenant, application, MailTopic.OfferReminder, cancellationToken) is not { } to)
        {
            return null;
        }

        var offering = await OfferingTitleAsync(tenant, application.OfferingId, cancellationToken);
        var content = FamilyTexts.OfferReminder(application.ChildFirstName, offering, expires, links.ApplicationsPage(), settings.CountyName);
        return new MailDraft($"offer-reminder/{applicationId:N}/{expires.UtcTicks}", MailTopic.OfferReminder, application.FamilyId!.Value, to, content);
    }

    /// <summary>The mail that a waiting child moved up to <paramref name="position"/>, if its family wants such mails.</summary>
    public async Task<MailDraft?> WaitlistMovedUpAsync(
        TenantId tenant, Guid applicationId, int position, string occasion, TenantMailSettings settings, CancellationToken cancellationToken)
    {
        var application = await FindAsync(tenant, applicationId, inRound: false, cancellationToken);
        if (application is not { Status: ApplicationStatus.Waitlisted }
            || await RecipientAsync(tenant, application, MailTopic.WaitlistMovedUp, cancellationToken) is not { } to)
        {
            return null;
        }

        var offering = await OfferingTitleAsync(tenant, application.OfferingId, cancellationToken);
        var content = FamilyTexts.WaitlistMovedUp(application.ChildFirstName, offering, position, links.ApplicationsPage(), settings.CountyName);
        return new MailDraft(occasion, MailTopic.WaitlistMovedUp, application.FamilyId!.Value, to, content);
    }

    public static string EventOccasion(OutboxEntry entry) => "event/" + entry.Sequence.ToString(CultureInfo.InvariantCulture);

    private async Task<string?> RecipientAsync(TenantId tenant, FamilyApplication application, MailTopic topic, CancellationToken cancellationToken)
    {
        if (application.FamilyId is not { } familyId || await accounts.FindAsync(tenant, familyId, cancellationToken) is not { IsDeleted: false } account)
        {
            return null;
        }

        return (await preferences.ReadAsync(tenant, familyId, cancellationToken)).Wants(topic) ? account.Email : null;
    }

    private async Task<FamilyApplication?> FindAsync(TenantId tenant, Guid id, bool inRound, CancellationToken cancellationToken)
    {
        if (inRound)
        {
            return await rounds.FindApplicationAsync(tenant, id, cancellationToken) is { } ranked
                ? new FamilyApplication(ranked.Id, ranked.FamilyId, ranked.Child.FirstName, ranked.OfferingId, ranked.Status, ranked.OfferExpiresAt)
                : null;
        }

        return await registration.FindApplicationAsync(tenant, id, cancellationToken) is { Application: var a }
            ? new FamilyApplication(a.Id, a.FamilyId, a.Child.FirstName, a.OfferingId, a.Status, a.OfferExpiresAt)
            : null;
    }

    private async Task<string> OfferingTitleAsync(TenantId tenant, Guid? offeringId, CancellationToken cancellationToken) =>
        offeringId is { } id && await registration.FindOfferingAsync(tenant, id, cancellationToken) is { } offering ? offering.Terms.Title : "Betreuungsangebot";
}
