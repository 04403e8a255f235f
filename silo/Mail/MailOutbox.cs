using System.Globalization;
using System.Text.Json;
using WebKita.Grains.Common;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Mail;

/// <summary>
/// Turns committed events into queued mails, and sets the durable reminder that mails a family
/// 48 hours before an offer lapses. Idempotent: the outbox may hand an event over again, and
/// everything written here is keyed by the event or the offer.
/// </summary>
public sealed class MailOutbox(
    MailOptions options, FamilyMails families, FacilityMails facilities, AccountMails accountMails, WaitlistWatch waitlists, MailQueue queue, IGrainStore store)
    : IOutboxSubscriber
{
    public static readonly TimeSpan ReminderBeforeExpiry = TimeSpan.FromHours(48);

    public async Task DeliverAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        if (!options.Tenants.TryGetValue(entry.Tenant, out var settings))
        {
            return;
        }

        var tenant = new TenantId(entry.Tenant);
        if (entry.Type.StartsWith("application.", StringComparison.Ordinal))
        {
            if (await families.ForEventAsync(entry, settings, cancellationToken) is { } draft)
            {
                await queue.EnqueueAsync(tenant, [draft], settings, cancellationToken);
            }

            if (entry.Type == "application.offered")
            {
                await RemindBeforeExpiryAsync(tenant, entry, cancellationToken);
            }

            var data = JsonSerializer.Deserialize<Dictionary<string, string>>(entry.Payload, GrainJson.Options)!;
            if (!data.ContainsKey("roundId") && data.TryGetValue("offeringId", out var offeringId))
            {
                await waitlists.ObserveAsync(entry, Guid.Parse(offeringId), settings, cancellationToken);
            }
        }
        else if (await accountMails.ForEventAsync(entry, settings, cancellationToken) is { } accountDraft)
        {
            await queue.EnqueueAsync(tenant, [accountDraft], settings, cancellationToken);
        }
        else if (entry.Type.StartsWith("sue.", StringComparison.Ordinal))
        {
            await queue.EnqueueAsync(tenant, await facilities.ForEventAsync(entry, settings, cancellationToken), settings, cancellationToken);
        }
    }

    /// <summary>
    /// One reminder per application, moved by each new offer. An offer shorter than 48 hours gets
    /// none: its own mail already is the reminder. Whether the offer is still open is checked when it fires.
    /// </summary>
    private async Task RemindBeforeExpiryAsync(TenantId tenant, OutboxEntry entry, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.Deserialize<Dictionary<string, string>>(entry.Payload, GrainJson.Options)!;
        if (!data.TryGetValue("offerExpiresAt", out var text))
        {
            return;
        }

        var due = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) - ReminderBeforeExpiry;
        if (due > entry.OccurredAt)
        {
            var name = data.ContainsKey("roundId") ? OfferReminders.InRound : OfferReminders.FirstComeFirstServed;
            await store.CommitAsync(new ChangeSet([], [], [new Reminder(new GrainKey(tenant.Value, MailKinds.OfferReminder, entry.GrainId), name, due)], []), cancellationToken);
        }
    }
}
