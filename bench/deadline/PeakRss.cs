using System.Globalization;

namespace WebKita.Bench.Deadline;

/// <summary>Peak resident set size (VmHWM) of this process, from /proc.</summary>
public static class PeakRss
{
    public static long OfSelfMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kilobytes is null ? 0 : long.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024;
    }
}
