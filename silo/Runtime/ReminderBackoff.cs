using WebKita.Silo.Storage;

namespace WebKita.Silo.Runtime;

/// <summary>
/// When a reminder whose firing failed is claimed again: 1 s, 2 s, 4 s … after each consecutive
/// failure, at most <paramref name="lease"/> (beyond that the lease bounds it anyway). The first
/// waits are short because the usual cause passes in seconds (right after a cluster restart
/// Orleans knows no node for the grain yet); they grow so a target that keeps failing is not
/// hammered. Counts live in this process only: another process that claims the reminder starts
/// from 1 s, which costs an extra early attempt, never a lost firing. Thread-safe.
/// </summary>
internal sealed class ReminderBackoff(TimeSpan lease)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainKey Grain, string Name), (int Failures, DateTimeOffset RetryAt)> _failing = [];

    /// <summary>Counts a failed firing at <paramref name="now"/>; returns when to claim it again.</summary>
    public DateTimeOffset Failed(Reminder reminder, DateTimeOffset now)
    {
        lock (_lock)
        {
            var failures = _failing.GetValueOrDefault((reminder.Grain, reminder.Name)).Failures + 1;
            var retryAt = now + Delay(failures);
            _failing[(reminder.Grain, reminder.Name)] = (failures, retryAt);
            return retryAt;
        }
    }

    public void Fired(Reminder reminder)
    {
        lock (_lock)
        {
            _failing.Remove((reminder.Grain, reminder.Name));
        }
    }

    /// <summary>
    /// Forgets failing reminders that were not <paramref name="claimed"/> again within a lease of
    /// their retry: another process fired them, or they were moved or deleted. Keeps the counts
    /// from growing with reminders this process will not see again.
    /// </summary>
    public void ForgetGone(DateTimeOffset now, IReadOnlyList<Reminder> claimed)
    {
        lock (_lock)
        {
            foreach (var (key, (_, retryAt)) in _failing.ToList())
            {
                if (retryAt + lease <= now && !claimed.Any(r => (r.Grain, r.Name) == key))
                {
                    _failing.Remove(key);
                }
            }
        }
    }

    private TimeSpan Delay(int failures)
    {
        var delay = FirstDelay * Math.Pow(2, Math.Min(failures - 1, 30));
        return delay < lease ? delay : lease;
    }
}
