namespace WebKita.Api.Tests.Support;

/// <summary>Runs many requests with a bounded number in flight at once and reports how many really overlapped.</summary>
public sealed class Rush
{
    private int _inFlight;
    private int _peak;

    public int PeakInFlight => Volatile.Read(ref _peak);

    /// <summary>Calls <paramref name="request"/> for 0..count-1, at most <paramref name="parallelism"/> at once; results by index.</summary>
    public async Task<T[]> RunAsync<T>(int count, int parallelism, Func<int, CancellationToken, Task<T>> request, CancellationToken cancellationToken = default)
    {
        var results = new T[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var now = Interlocked.Increment(ref _inFlight);
                InterlockedMax(ref _peak, now);
                try
                {
                    results[index] = await request(index, token);
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            });
        return results;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
