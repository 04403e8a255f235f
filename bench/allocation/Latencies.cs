using System.Diagnostics;
using System.Globalization;

namespace WebKita.Bench.Allocation;

/// <summary>Per-call latencies of one phase, written by many callers (one slot each) and summarised once.</summary>
public sealed class Latencies(int calls)
{
    private readonly long[] _ticks = new long[calls];

    public void Record(int call, long startedAt) => _ticks[call] = Stopwatch.GetTimestamp() - startedAt;

    public override string ToString()
    {
        var sorted = _ticks.Where(t => t > 0).Order().ToArray();
        if (sorted.Length == 0)
        {
            return "no latencies";
        }

        string At(double quantile) =>
            (sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))] * 1000.0 / Stopwatch.Frequency).ToString("F0", CultureInfo.InvariantCulture);

        return $"latency ms p50 {At(0.50)} p99 {At(0.99)} max {At(1.0)}";
    }
}
