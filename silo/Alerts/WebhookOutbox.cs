using WebKita.Grains.Common;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Alerts;

/// <summary>
/// Turns each committed alert into one durable delivery per interested webhook, with a reminder
/// to try it now. The delivery's id comes from webhook and event sequence, so an event the outbox
/// hands over twice makes no second delivery.
/// </summary>
public sealed class WebhookOutbox(IGrainStore store, WebhookRegistry webhooks, TimeProvider time) : IOutboxSubscriber
{
    public const string AttemptReminder = "attempt";

    public async Task DeliverAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        if (!entry.Type.StartsWith("sue.", StringComparison.Ordinal))
        {
            return;
        }

        var tenant = new TenantId(entry.Tenant);
        var now = time.GetUtcNow();
        foreach (var webhook in (await webhooks.ListAsync(tenant, cancellationToken)).Where(w => w.Wants(entry.Type)))
        {
            var delivery = new WebhookDelivery(
                tenant, WebhookDelivery.IdFor(webhook.Id, entry.Sequence), webhook.Id, entry.Sequence, entry.Type, entry.OccurredAt, entry.Payload,
                WebhookDelivery.Pending, 0, null, null);
            var key = WebhookRegistry.DeliveryKey(tenant, delivery.Id);
            try
            {
                await store.CommitAsync(
                    new ChangeSet([new GrainWrite(key, 0, GrainJson.Serialize(delivery), webhook.Id)], [], [new Reminder(key, AttemptReminder, now)], []),
                    cancellationToken);
            }
            catch (StaleWriteException)
            {
                // Made when the outbox handed this event over before.
            }
        }
    }
}
