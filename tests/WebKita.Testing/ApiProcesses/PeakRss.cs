using System.Globalization;

namespace WebKita.Testing.ApiProcesses;

/// <summary>Peak resident set size (VmHWM) of a Linux process, from /proc.</summary>
public static class PeakRss
{
    public static long OfSelfMegabytes() => OfMegabytes("self");

    /// <summary>0 when the process is gone or /proc has no such line.</summary>
    public static long OfMegabytes(string pid)
    {
        var status = Path.Combine("/proc", pid, "status");
        if (!File.Exists(status))
        {
            return 0;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kilobytes is null ? 0 : long.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024;
    }
}
