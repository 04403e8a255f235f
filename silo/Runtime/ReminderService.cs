using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Runtime;

/// <summary>
/// Fires durable reminders. Any number of processes may run this: the store hands each due
/// reminder to one claimant for a lease, and the grain deletes it in the transaction that
/// commits its effect, so it fires once. A firing that fails is claimed again after a short,
/// growing wait (<see cref="ReminderBackoff"/>) rather than after the lease. A claimant that dies
/// leaves its lease to the others as soon as the cluster declares it dead (<see cref="IClaimants"/>);
/// without a cluster, when it lapses.
/// </summary>
public sealed partial class ReminderService(
    IGrainStore store, IEnumerable<IReminderTarget> targets, TimeProvider time, SiloOptions options, ILogger<ReminderService> logger,
    IClaimants claimants)
    : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, IReminderTarget> _targets = targets.ToDictionary(t => t.ReminderKind);
    private readonly ReminderBackoff _backoff = new(Lease);

    /// <summary>
    /// Fires every reminder due now; returns how many were claimed, whether their firing succeeded
    /// or not. Tests call it after moving fake time.
    /// </summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await store.ClaimDueRemindersAsync(now, Lease, 100, claimants.Current(), cancellationToken);
        _backoff.ForgetGone(now, due);
        foreach (var reminder in due)
        {
            try
            {
                await FireAsync(reminder, cancellationToken);
                _backoff.Fired(reminder);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                await RetrySoonAsync(reminder, e, cancellationToken);
            }
        }

        return due.Count;
    }

    /// <summary>
    /// Brings the failed firing's claim forward to its backoff time. If the store cannot be reached
    /// for that, the claim stays as it was: the reminder then fires when its lease lapses.
    /// </summary>
    private async Task RetrySoonAsync(Reminder reminder, Exception failure, CancellationToken cancellationToken)
    {
        var retryAt = _backoff.Failed(reminder, time.GetUtcNow());
        Log.ReminderFailed(logger, reminder.Grain.ToString(), reminder.Name, retryAt, failure);
        try
        {
            await store.RetryReminderAsync(reminder, retryAt, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.RetryNotRecorded(logger, reminder.Grain.ToString(), reminder.Name, e.Message);
        }
    }

    private Task FireAsync(Reminder reminder, CancellationToken cancellationToken) =>
        _targets.TryGetValue(reminder.Grain.Kind, out var target)
            ? target.FireAsync(reminder, cancellationToken)
            : throw new InvalidOperationException($"No grain kind '{reminder.Grain.Kind}' takes reminders ({reminder.Name}).");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ReminderPollInterval, time);
        do
        {
            try
            {
                while (await FireDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (StoreUnavailableException e)
            {
                Log.StoreUnavailable(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Reminder {Name} of {Grain} failed; it is tried again at {RetryAt:O}")]
        public static partial void ReminderFailed(ILogger logger, string grain, string name, DateTimeOffset retryAt, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Name} of {Grain} fires again when its lease lapses, not sooner: {Reason}")]
        public static partial void RetryNotRecorded(ILogger logger, string grain, string name, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Reminders wait for the store: {Reason}")]
        public static partial void StoreUnavailable(ILogger logger, string reason);
    }
}
