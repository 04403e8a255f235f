using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Runtime;

/// <summary>
/// Fires durable reminders. Any number of processes may run this: the store hands each due
/// reminder to one claimant for a lease, and the grain deletes it in the transaction that
/// commits its effect, so it fires once. A claimant that dies lets the lease lapse.
/// </summary>
public sealed partial class ReminderService(
    IGrainStore store, IEnumerable<IReminderTarget> targets, TimeProvider time, SiloOptions options, ILogger<ReminderService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, IReminderTarget> _targets = targets.ToDictionary(t => t.ReminderKind);

    /// <summary>Fires every reminder due now; returns how many fired. Tests call it after moving fake time.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var due = await store.ClaimDueRemindersAsync(time.GetUtcNow(), Lease, 100, cancellationToken);
        foreach (var reminder in due)
        {
            try
            {
                await FireAsync(reminder, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ReminderFailed(logger, reminder.Grain.ToString(), reminder.Name, e);
            }
        }

        return due.Count;
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
        [LoggerMessage(Level = LogLevel.Error, Message = "Reminder {Name} of {Grain} failed; it fires again when its lease lapses")]
        public static partial void ReminderFailed(ILogger logger, string grain, string name, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Reminders wait for the store: {Reason}")]
        public static partial void StoreUnavailable(ILogger logger, string reason);
    }
}
