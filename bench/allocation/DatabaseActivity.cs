using Npgsql;

namespace WebKita.Bench.Allocation;

/// <summary>
/// What a phase asked of its database, from PostgreSQL's cumulative statistics (which backends
/// report with up to a second's delay, so figures are close, not exact).
/// </summary>
public static class DatabaseActivity
{
    public static async Task PrintAsync(string phase, string connectionString, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(
            """
            SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),
                   coalesce(string_agg(format('%s +%s/~%s (%s heap-only)', relname, n_tup_ins, n_tup_upd, n_tup_hot_upd), ', ' ORDER BY relname), '')
            FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd > 0
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        Console.WriteLine($"{phase}: database: {reader.GetInt64(0)} transactions; rows inserted/updated: {reader.GetString(1)}");
    }

    /// <summary>
    /// Waits until every outbox event is dispatched, so a measured phase does not also pay for
    /// the events a warm-up left behind.
    /// </summary>
    public static async Task WaitForOutboxDrainedAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM outbox_queue");
        while ((long)(await command.ExecuteScalarAsync(cancellationToken))! > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }
}
