using System.Collections.Concurrent;
using WebKita.Testing.ApiProcesses;

namespace WebKita.Bench.Failover;

/// <summary>
/// A steady booking load: a fixed number of workers, each submitting one new child after another
/// (its own Idempotency-Key) through a <see cref="BalancedBooking"/>; child <c>i</c> books offering
/// <c>i % offerings</c> and starts at process <c>i % processes</c>, so every offering is booked
/// through every process. Runs until stopped; then lets calls in flight finish.
/// </summary>
public sealed class SteadyLoad(BalancedBooking booking, IReadOnlyList<Guid> offerings, int processes)
{
    private readonly ConcurrentDictionary<int, (Guid Offering, Submission Answer)> _answers = new();
    private int _next = -1;
    private volatile bool _stopping;

    /// <summary>Every call's final answer by child number, with the offering it booked.</summary>
    public IReadOnlyDictionary<int, (Guid Offering, Submission Answer)> Answers => _answers;

    public int Sent => Volatile.Read(ref _next) + 1;

    public Task RunAsync(int workers, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (!_stopping)
            {
                var child = Interlocked.Increment(ref _next);
                var offering = offerings[child % offerings.Count];
                var answer = await booking.SubmitAsync(offering, child, $"load-{child}", child % processes, cancellationToken);
                _answers[child] = (offering, answer);
            }
        }, cancellationToken)));

    public void Stop() => _stopping = true;
}
