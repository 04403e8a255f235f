using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Tests.Registration;

/// <summary>
/// A reminder target whose first <c>failures</c> firings fail the way Orleans answers right after a
/// cluster restart, before the silo knows a node for the grain; later firings reach the real target.
/// <see cref="BeforeFailing"/> runs inside a failing firing, after the claim and before the retry.
/// </summary>
internal sealed class FlakyTarget(IReminderTarget inner, int failures) : IReminderTarget
{
    private int _attempts;

    public Func<Task>? BeforeFailing { get; init; }

    /// <summary>What a failing firing throws; by default Orleans' answer before it knows a node.</summary>
    public Func<Reminder, Exception> Failure { get; init; } =
        reminder => new OrleansException($"No active nodes are compatible with grain {reminder.Grain.Kind}.");

    public int Attempts => Volatile.Read(ref _attempts);

    public string ReminderKind => inner.ReminderKind;

    public async Task FireAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        if (attempt > failures)
        {
            await inner.FireAsync(reminder, cancellationToken);
            return;
        }

        if (BeforeFailing is { } beforeFailing)
        {
            await beforeFailing();
        }

        throw Failure(reminder);
    }
}
