using System.Globalization;
using System.Runtime;
using Npgsql;

namespace WebKita.Bench.Deadline;

/// <summary>
/// What a timed stretch cost beyond our own code: JIT compilation and garbage-collection pauses in
/// this process, and WAL, full-page images and temporary files in PostgreSQL.
/// </summary>
public sealed record ProcessCosts(TimeSpan Jit, TimeSpan GcPause, int Gen0, int Gen1, int Gen2, long WalBytes, long WalFullPages, long TempBytes)
{
    public static async Task<ProcessCosts> NowAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT (SELECT wal_bytes::bigint FROM pg_stat_wal), (SELECT wal_fpi FROM pg_stat_wal), (SELECT temp_bytes FROM pg_stat_database WHERE datname = current_database())");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ProcessCosts(
            System.Runtime.JitInfo.GetCompilationTime(), GC.GetTotalPauseDuration(),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public string Since(ProcessCosts before) => string.Create(CultureInfo.InvariantCulture,
        $"JIT {(Jit - before.Jit).TotalSeconds:F2} s, GC pauses {(GcPause - before.GcPause).TotalSeconds:F2} s " +
        $"({Gen0 - before.Gen0}/{Gen1 - before.Gen1}/{Gen2 - before.Gen2} gen0/1/2, {(GCSettings.IsServerGC ? "server" : "workstation")} GC); " +
        $"PostgreSQL WAL {(WalBytes - before.WalBytes) / 1048576.0:F0} MB ({WalFullPages - before.WalFullPages} full-page images), temp files {(TempBytes - before.TempBytes) / 1048576.0:F0} MB");
}
