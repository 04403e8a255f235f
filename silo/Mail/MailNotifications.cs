using WebKita.Grains.Common;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Mail;

/// <summary>The tenant's notifications by status, for admins (the dead ones) and tests.</summary>
public sealed class MailNotifications(IGrainStore store)
{
    public async Task<IReadOnlyList<MailNotification>> ListAsync(TenantId tenant, string status, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(tenant.Value, MailKinds.Notification, MailNotification.StatusParent(status), cancellationToken))
            .Select(s => GrainJson.Deserialize<MailNotification>(s.State)).OrderByDescending(n => n.LastAttemptAt ?? n.CreatedAt).ThenBy(n => n.Id)];
}
