using System.Diagnostics;
using System.Globalization;
using WebKita.Silo.Storage;

namespace WebKita.Bench.Allocation;

/// <summary>Time spent in each store method, and per commit its duration, rows and bytes of state. Thread-safe.</summary>
public sealed class StoreTimings : IStoreCallRecorder
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (int Calls, double Milliseconds)> _methods = [];
    private readonly List<(double Milliseconds, int Writes, long StateBytes, double DecidingMilliseconds)> _commits = [];
    private long _lastReadEnded;

    public void Record(string method, long startedAt, ChangeSet? changes)
    {
        var ended = Stopwatch.GetTimestamp();
        var milliseconds = Stopwatch.GetElapsedTime(startedAt, ended).TotalMilliseconds;
        lock (_lock)
        {
            var (calls, total) = _methods.GetValueOrDefault(method);
            _methods[method] = (calls + 1, total + milliseconds);
            if (changes is not null)
            {
                // One offering's turns run one after another: preload (ReadMany), decide, commit.
                var deciding = _lastReadEnded > 0 && _lastReadEnded < startedAt ? Stopwatch.GetElapsedTime(_lastReadEnded, startedAt).TotalMilliseconds : 0;
                _commits.Add((milliseconds, changes.Writes.Count, changes.Writes.Sum(w => (long)w.State.Length), deciding));
            }
            else if (method == nameof(IGrainStore.ReadManyAsync))
            {
                _lastReadEnded = ended;
            }
        }
    }

    /// <summary>Forgets what was recorded so far: a warm-up's calls are not the measured phase's.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _methods.Clear();
            _commits.Clear();
            _lastReadEnded = 0;
        }
    }

    public void Print(string phase, TimeSpan elapsed)
    {
        lock (_lock)
        {
            var inStore = _methods.Values.Sum(m => m.Milliseconds);
            var methods = string.Join(", ", _methods.OrderByDescending(m => m.Value.Milliseconds).Select(m =>
                string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value.Calls}x {m.Value.Milliseconds / 1000:F2} s")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{phase}: store time {methods}; outside the store {Math.Max(0, elapsed.TotalMilliseconds - inStore) / 1000:F2} s of {elapsed.TotalSeconds:F2} s"));
            var half = _commits.Count / 2;
            PrintCommits(phase, "first half", _commits.Take(half).ToList());
            PrintCommits(phase, "second half", _commits.Skip(half).ToList());
        }
    }

    private static void PrintCommits(string phase, string which, List<(double Milliseconds, int Writes, long StateBytes, double DecidingMilliseconds)> commits)
    {
        if (commits.Count == 0)
        {
            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{phase}: turns, {which}: {commits.Count}, each on average {commits.Average(c => c.DecidingMilliseconds):F1} ms deciding and serialising after the preload, then a commit of {commits.Average(c => c.Milliseconds):F1} ms writing {commits.Average(c => c.Writes):F0} rows, {commits.Average(c => c.StateBytes) / 1024:F0} KiB of state"));
    }
}
