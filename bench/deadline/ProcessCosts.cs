using System.Globalization;
using System.Runtime;
using Npgsql;

namespace WebKita.Bench.Deadline;

/// <summary>
/// What a timed stretch cost beyond our own code: JIT compilation and garbage-collection pauses in
/// this process, and WAL, full-page images and temporary files in PostgreSQL; and the CPU time
/// of this process and of the server's processes, which other work on a shared machine disturbs
/// far less than the elapsed time.
/// </summary>
public sealed record ProcessCosts(
    TimeSpan Jit, TimeSpan GcPause, int Gen0, int Gen1, int Gen2, long WalBytes, long WalFullPages, long TempBytes, TimeSpan SiloCpu, TimeSpan ServerCpu)
{
    public static async Task<ProcessCosts> NowAsync(NpgsqlDataSource dataSource, string dataDirectory, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT (SELECT wal_bytes::bigint FROM pg_stat_wal), (SELECT wal_fpi FROM pg_stat_wal), (SELECT temp_bytes FROM pg_stat_database WHERE datname = current_database())");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ProcessCosts(
            System.Runtime.JitInfo.GetCompilationTime(), GC.GetTotalPauseDuration(),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2),
            Environment.CpuUsage.TotalTime, ServerCpuOf(dataDirectory));
    }

    /// <summary>User and system time of the postmaster's children (backends, WAL writer, checkpointer) from /proc; zero where there is none.</summary>
    private static TimeSpan ServerCpuOf(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !Directory.Exists("/proc"))
        {
            return TimeSpan.Zero;
        }

        var postmaster = File.ReadLines(pidFile).First().Trim();
        var ticks = 0L;
        foreach (var stat in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)).Select(d => Path.Combine(d, "stat")))
        {
            try
            {
                // Fields after the command name (which may hold spaces): state ppid ... utime(14) stime(15).
                var text = File.ReadAllText(stat);
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[1] == postmaster)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the process ended meanwhile
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    public string Since(ProcessCosts before) => string.Create(CultureInfo.InvariantCulture,
        $"JIT {(Jit - before.Jit).TotalSeconds:F2} s, GC pauses {(GcPause - before.GcPause).TotalSeconds:F2} s " +
        $"({Gen0 - before.Gen0}/{Gen1 - before.Gen1}/{Gen2 - before.Gen2} gen0/1/2, {(GCSettings.IsServerGC ? "server" : "workstation")} GC); " +
        $"PostgreSQL WAL {(WalBytes - before.WalBytes) / 1048576.0:F0} MB ({WalFullPages - before.WalFullPages} full-page images), temp files {(TempBytes - before.TempBytes) / 1048576.0:F0} MB; " +
        $"CPU time silo {(SiloCpu - before.SiloCpu).TotalSeconds:F2} s, PostgreSQL {(ServerCpu - before.ServerCpu).TotalSeconds:F2} s");
}
