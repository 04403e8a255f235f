using System.Globalization;

namespace WebKita.Bench.Deadline;

/// <summary>Peak resident set size (VmHWM) of this process, from /proc; can be reset to measure one stretch.</summary>
public static class PeakRss
{
    public static long OfSelfMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kilobytes is null ? 0 : long.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>Sets the peak to the current RSS (Linux 4.0+: "5" to clear_refs); false where that is not allowed.</summary>
    public static bool TryReset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
