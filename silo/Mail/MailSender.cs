using Microsoft.Extensions.Logging;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Mail;

/// <summary>
/// Sends a queued mail when its reminder fires and records the outcome with the reminder's
/// deletion (and the next try, if any) in one commit. At least once: a crash after the relay
/// took the message and before the commit sends it again after the reminder's lease, with the
/// same Message-Id, so the receiving side recognises the repeat.
/// </summary>
public sealed partial class MailSender(
    IGrainStore store, MailOptions options, IMailTransport transport, ISmtpCredentials credentials, TimeProvider time, ILogger<MailSender> logger)
    : IReminderTarget
{
    public string ReminderKind => MailKinds.Notification;

    public async Task FireAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(reminder.Grain, cancellationToken);
        var notification = stored is null ? null : GrainJson.Deserialize<MailNotification>(stored.State);
        if (stored is null || notification is not { Status: MailNotification.Pending })
        {
            await store.CommitAsync(new ChangeSet([], [], [], [reminder]), cancellationToken);
            return;
        }

        if (!options.Tenants.TryGetValue(reminder.Grain.Tenant, out var settings))
        {
            // A process that mailed the tenant queued it, so this one is configured differently; leave
            // the reminder to lapse to a process that can send it rather than drop the mail.
            throw new InvalidOperationException($"This process has no Mail:Tenants:{reminder.Grain.Tenant} settings; mail {notification.Id} waits for one that has.");
        }

        var next = await SendAsync(notification, settings, cancellationToken);
        IReadOnlyList<Reminder> retry = next.Status == MailNotification.Pending
            ? [new Reminder(reminder.Grain, MailQueue.SendReminder, next.LastAttemptAt!.Value + MailNotification.Backoff(next.Attempts))]
            : [];
        await store.CommitAsync(
            new ChangeSet([new GrainWrite(reminder.Grain, stored.Version, GrainJson.Serialize(next), MailNotification.StatusParent(next.Status))], [], retry, [reminder]),
            cancellationToken);
    }

    private async Task<MailNotification> SendAsync(MailNotification notification, TenantMailSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            await transport.SendAsync(settings, credentials.For(notification.Tenant), MailMessages.Build(notification, settings), cancellationToken);
            return notification.Delivered(time.GetUtcNow());
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failed = notification.Failed(time.GetUtcNow(), e.GetType().Name + ": " + e.Message, permanent: e is MailRefusedException);
            // The id only: the address and the text are personal data and stay out of logs.
            Log.NotSent(logger, notification.Id, failed.Attempts, failed.Status, e.GetType().Name);
            return failed;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {Id} not sent (attempt {Attempts}, now {Status}): {Error}")]
        public static partial void NotSent(ILogger logger, Guid id, int attempts, string status, string error);
    }
}
