using System.Diagnostics;
using Npgsql;
using WebKita.Silo.Runtime;

namespace WebKita.Bench.Deadline;

/// <summary>
/// The floor under the run's commit: the rows it wrote (each application's standing, each result
/// event and its delivery queue entry) copied inside PostgreSQL into empty twins of their tables,
/// with their keys and indexes, in one transaction. The server writes them from its own cache with
/// no statement per row and no client round trip, so no design that stores these results durably
/// writes them faster; the read plus this is the least a run can take.
/// </summary>
public static class WriteFloor
{
    public static async Task<long> OutboxEndAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(seq), 0) FROM outbox");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Copies what the run wrote: the round's standings and the events after <paramref name="outboxEnd"/>.</summary>
    public static async Task<(TimeSpan Elapsed, long Rows)> RunAsync(NpgsqlDataSource dataSource, string tenant, Guid roundId, long outboxEnd, CancellationToken cancellationToken)
    {
        await using (var twins = dataSource.CreateCommand("""
            CREATE TABLE floor_grains (LIKE grains INCLUDING ALL);
            CREATE TABLE floor_outbox (LIKE outbox INCLUDING ALL);
            CREATE TABLE floor_outbox_queue (LIKE outbox_queue INCLUDING ALL);
            CHECKPOINT;
            """))
        {
            await twins.ExecuteNonQueryAsync(cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        await using var copy = dataSource.CreateBatch();
        copy.BatchCommands.Add(Statement("INSERT INTO floor_grains SELECT * FROM grains WHERE tenant = $1 AND kind = $2 AND parent = $3", tenant, GrainKinds.RankedApplicationStanding, roundId));
        copy.BatchCommands.Add(Statement("INSERT INTO floor_outbox SELECT * FROM outbox WHERE seq > $1", outboxEnd));
        copy.BatchCommands.Add(Statement("INSERT INTO floor_outbox_queue (seq) SELECT seq FROM outbox WHERE seq > $1", outboxEnd));
        // A batch is one implicit transaction: one commit, as the run's.
        var rows = await copy.ExecuteNonQueryAsync(cancellationToken);
        return (clock.Elapsed, rows);
    }

    private static NpgsqlBatchCommand Statement(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }

        return command;
    }
}
