using System.Globalization;

namespace WebKita.Bench.Allocation;

/// <summary>This process's garbage collections, pauses and allocations, to print for a phase.</summary>
public readonly record struct GcMeter(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long AllocatedBytes)
{
    public static GcMeter Now() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());

    public void PrintSince(string phase, int calls)
    {
        var now = Now();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{phase}: gc in the benchmark process: collections gen0 {now.Gen0 - Gen0}, gen1 {now.Gen1 - Gen1}, gen2 {now.Gen2 - Gen2}; paused {(now.Paused - Paused).TotalMilliseconds:F0} ms; allocated {(now.AllocatedBytes - AllocatedBytes) / 1024.0 / calls:F1} KiB per call"));
    }
}
