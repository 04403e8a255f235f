using WebKita.Grains.Common;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Mail;

/// <summary>
/// Fires the reminder 48 hours before an offer lapses: queues the mail if the offer is still open,
/// then deletes the reminder. Queuing first and deleting after is safe: a crash in between fires
/// it again, and the mail's id (application and deadline) queues nothing twice.
/// </summary>
public sealed class OfferReminders(MailOptions options, FamilyMails families, MailQueue queue, IGrainStore store, TimeProvider time) : IReminderTarget
{
    public const string FirstComeFirstServed = "offer-expires-soon";
    public const string InRound = "round-offer-expires-soon";

    public string ReminderKind => MailKinds.OfferReminder;

    public async Task FireAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        var tenant = new TenantId(reminder.Grain.Tenant);
        if (options.Tenants.TryGetValue(tenant.Value, out var settings)
            && await families.OfferReminderAsync(tenant, reminder.Grain.Id, reminder.Name == InRound, time.GetUtcNow(), settings, cancellationToken) is { } draft)
        {
            await queue.EnqueueAsync(tenant, [draft], settings, cancellationToken);
        }

        await store.CommitAsync(new ChangeSet([], [], [], [reminder]), cancellationToken);
    }
}
