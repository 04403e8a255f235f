using System.Globalization;
using WebKita.Testing;

namespace WebKita.Bench.Ingest;

/// <summary>
/// CPU seconds used so far by a process and everything it started: its live descendants plus the
/// children it has reaped (PostgreSQL's backends come and go with the gateway's connections).
/// Read from /proc in clock ticks of 1/100 s.
/// </summary>
internal static class ProcessCpu
{
    public static double TreeSeconds(int pid)
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var child) && Stat(child) is { } fields)
            {
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                (parents.TryGetValue(parent, out var list) ? list : parents[parent] = []).Add(child);
            }
        }

        // utime, stime, then the same of the children reaped.
        double Sum(int process) => Stat(process) is not { } fields ? 0
            : Enumerable.Range(11, 4).Sum(i => Ticks(fields, i)) + parents.GetValueOrDefault(process, []).Sum(Sum);
        return Sum(pid) / 100.0;
    }

    /// <summary>The process's own user and system time.</summary>
    public static double Seconds(int pid) => Stat(pid) is { } fields ? (Ticks(fields, 11) + Ticks(fields, 12)) / 100.0 : 0;

    /// <summary>Busy CPU seconds of the whole machine (all but idle and iowait).</summary>
    public static double Machine()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        return (cpu.Sum() - cpu[3] - cpu[4]) / 100.0;
    }

    /// <summary>The process whose command line contains <paramref name="fragment"/> (a config file's path).</summary>
    public static int Find(string fragment) => Directory.EnumerateDirectories("/proc")
        .Select(dir => int.TryParse(Path.GetFileName(dir), out var pid) ? pid : 0)
        .First(pid => pid > 0 && CommandLine(pid).Contains(fragment, StringComparison.Ordinal));

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>The fields after the command name: [0] is the state, [1] the parent, [11] utime.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long Ticks(string[] fields, int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
}

/// <summary>
/// CPU seconds of the processes that carry a message (the gateway, PostgreSQL with all its
/// processes, mosquitto), of this benchmark's own process, and of the whole machine: their
/// difference over the measured burst says where a message's CPU goes on a machine that is full.
/// </summary>
internal sealed record CpuShares(double Gateway, double Postgres, double Broker, double Bench, double Machine)
{
    public static Func<int, CpuShares> Sampler(PostgresServer postgres, MosquittoBroker broker)
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(postgres.DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var mosquitto = ProcessCpu.Find(broker.ConfigPath);
        return gateway => new(ProcessCpu.TreeSeconds(gateway), ProcessCpu.TreeSeconds(postmaster), ProcessCpu.TreeSeconds(mosquitto), ProcessCpu.Seconds(Environment.ProcessId), ProcessCpu.Machine());
    }

    public static CpuShares operator -(CpuShares a, CpuShares b) => new(a.Gateway - b.Gateway, a.Postgres - b.Postgres, a.Broker - b.Broker, a.Bench - b.Bench, a.Machine - b.Machine);

    /// <summary>Microseconds of CPU a message, each process's.</summary>
    public string PerMessage(long messages) => string.Create(
        CultureInfo.InvariantCulture,
        $"gateway {Gateway * 1e6 / messages:0} µs, PostgreSQL {Postgres * 1e6 / messages:0} µs, mosquitto {Broker * 1e6 / messages:0} µs, bench {Bench * 1e6 / messages:0} µs, machine busy {Machine * 1e6 / messages:0} µs");
}
