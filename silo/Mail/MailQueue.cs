using WebKita.Grains.Common;
using WebKita.Silo.Storage;
using WebKita.Silo.Runtime;

namespace WebKita.Silo.Mail;

/// <summary>
/// Stores each drafted mail as a notification with a reminder to send it now. A notification's
/// id comes from its occasion and recipient, and the first write of an id wins, so a draft made
/// twice (an event handed over again, a reminder fired again) queues one mail.
/// </summary>
public sealed class MailQueue(IGrainStore store, UnsubscribeToken tokens, MailLinks links, TimeProvider time)
{
    public const string SendReminder = "send";

    public async Task EnqueueAsync(TenantId tenant, IEnumerable<MailDraft> drafts, TenantMailSettings settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var draft in drafts)
        {
            var notification = Render(tenant, draft, settings, now);
            var key = Key(tenant, notification.Id);
            try
            {
                await store.CommitAsync(
                    new ChangeSet(
                        [new GrainWrite(key, 0, GrainJson.Serialize(notification), MailNotification.StatusParent(MailNotification.Pending))],
                        [], [new Reminder(key, SendReminder, now)], []),
                    cancellationToken);
            }
            catch (StaleWriteException)
            {
                // Queued when this occasion was handled before.
            }
        }
    }

    public MailNotification Render(TenantId tenant, MailDraft draft, TenantMailSettings settings, DateTimeOffset now)
    {
        var id = MailNotification.IdFor(draft.Occasion, draft.AccountId);
        var unsubscribe = draft.Topic.IsOptional() ? links.Unsubscribe(tenant, tokens.Issue(new UnsubscribeRequest(tenant, draft.AccountId, draft.Topic))) : null;
        return new MailNotification(
            tenant, id, draft.Topic, draft.AccountId, draft.To, draft.Content.Subject, draft.Content.Text(unsubscribe), draft.Content.Html(unsubscribe),
            $"{id:N}@{settings.SenderDomain}", unsubscribe, now, MailNotification.Pending, 0, null, null);
    }

    public static GrainKey Key(TenantId tenant, Guid id) => new(tenant.Value, MailKinds.Notification, id);
}
