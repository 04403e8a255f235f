using System.Globalization;

namespace WebKita.Bench.Allocation;

/// <summary>
/// CPU seconds (user + system) used by this process, the api process and the PostgreSQL cluster
/// (postmaster, its live children, and the children it has reaped), read from Linux's /proc.
/// </summary>
public sealed class CpuMeter(int postmasterPid, int? apiPid = null)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public (double Bench, double Api, double Postgres) Now()
    {
        var stats = Directory.EnumerateDirectories("/proc").Select(d => Path.GetFileName(d))
            .Where(n => n.All(char.IsAsciiDigit)).Select(Stat).OfType<long[]>().ToList();
        var postgres = stats.Where(s => s[0] == postmasterPid).Sum(s => s[2] + s[3] + s[4] + s[5])
            + stats.Where(s => s[1] == postmasterPid).Sum(s => s[2] + s[3]);
        var self = Stat("self") ?? [0, 0, 0, 0, 0, 0];
        var api = apiPid is { } pid ? Stat(pid.ToString(CultureInfo.InvariantCulture)) : null;
        return ((self[2] + self[3]) / TicksPerSecond, api is null ? 0 : (api[2] + api[3]) / TicksPerSecond, postgres / TicksPerSecond);
    }

    public void PrintSince((double Bench, double Api, double Postgres) start, string phase, TimeSpan elapsed)
    {
        var now = Now();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{phase}: cpu seconds over {elapsed.TotalSeconds:F1} s: benchmark process {now.Bench - start.Bench:F1}, api process {now.Api - start.Api:F1}, postgres {now.Postgres - start.Postgres:F1}"));
    }

    /// <summary>pid, ppid, utime, stime, cutime, cstime; null when the process is gone.</summary>
    private static long[]? Stat(string pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var id = pid == "self" ? Environment.ProcessId : long.Parse(pid, CultureInfo.InvariantCulture);
            return [id, .. new[] { 1, 11, 12, 13, 14 }.Select(i => long.Parse(fields[i], CultureInfo.InvariantCulture))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static int PostmasterPid(string dataDirectory) =>
        int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
}
