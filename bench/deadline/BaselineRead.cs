using System.Diagnostics;
using Npgsql;
using WebKita.Silo.Runtime;

namespace WebKita.Bench.Deadline;

/// <summary>
/// The baseline: one plain SELECT of the rows the run needs, the round's application rows with
/// their state as text, the way the store holds them, read into memory and nothing more.
/// </summary>
public static class BaselineRead
{
    public static async Task<(TimeSpan Elapsed, int Rows, long Chars)> RunAsync(NpgsqlDataSource dataSource, string tenant, Guid roundId, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var command = dataSource.CreateCommand("SELECT id, version, state::text FROM grains WHERE tenant = $1 AND kind = $2 AND parent = $3");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = GrainKinds.RankedApplication });
        command.Parameters.Add(new() { Value = roundId });
        var rows = new List<(Guid Id, long Version, string State)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2)));
            }
        }

        var elapsed = clock.Elapsed;
        return (elapsed, rows.Count, rows.Sum(r => (long)r.State.Length));
    }
}
