using System.Diagnostics;
using System.Globalization;
using WebKita.Silo.Storage;

namespace WebKita.Bench.Deadline;

/// <summary>
/// Adds up the time of every store call per method (<see cref="TimedStore"/>), and what the commits
/// wrote, so the run can be split into time in the store and time in the silo. Thread-safe.
/// </summary>
public sealed class StoreTally : IStoreCallRecorder
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (int Calls, double Seconds)> _methods = [];
    private (int Writes, int Events, long StateChars) _written;

    public void Reset()
    {
        lock (_lock)
        {
            _methods.Clear();
            _written = default;
        }
    }

    public double SecondsIn(string method)
    {
        lock (_lock)
        {
            return _methods.GetValueOrDefault(method).Seconds;
        }
    }

    public double SecondsInStore()
    {
        lock (_lock)
        {
            return _methods.Values.Sum(m => m.Seconds);
        }
    }

    public string Describe()
    {
        lock (_lock)
        {
            var methods = string.Join(", ", _methods.OrderByDescending(m => m.Value.Seconds).Select(m =>
                string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value.Calls}x {m.Value.Seconds:F2} s")));
            return string.Create(CultureInfo.InvariantCulture,
                $"{methods}; commits wrote {_written.Writes} rows ({_written.StateChars / 1048576.0:F1} MB of JSON) and {_written.Events} outbox events");
        }
    }

    public void Record(string method, long started, ChangeSet? changes)
    {
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        lock (_lock)
        {
            var (calls, total) = _methods.GetValueOrDefault(method);
            _methods[method] = (calls + 1, total + seconds);
            if (changes is not null)
            {
                _written = (_written.Writes + changes.Writes.Count, _written.Events + changes.Events.Count, _written.StateChars + changes.Writes.Sum(w => (long)w.State.Length));
            }
        }
    }
}
