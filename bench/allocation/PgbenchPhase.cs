using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using WebKita.Testing;

namespace WebKita.Bench.Allocation;

/// <summary>
/// The baseline: PostgreSQL's own client hammering the one-statement booking on a single hot row,
/// every transaction committed (and fsynced) before the next, as one request per transaction would.
/// </summary>
public static partial class PgbenchPhase
{
    private const string Booking = "UPDATE slots SET taken = taken + 1 WHERE id = 1 AND taken < capacity;\n";

    public static async Task<double> RunAsync(PostgresServer server, BenchOptions options, CancellationToken cancellationToken)
    {
        var connectionString = await server.CreateDatabaseAsync("pgbench_hot_row", cancellationToken);
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await using var create = dataSource.CreateCommand(
                "CREATE TABLE slots (id int PRIMARY KEY, taken int NOT NULL, capacity int NOT NULL); INSERT INTO slots VALUES (1, 0, 2147483647);");
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var script = Path.Combine(server.RootDirectory, "booking.sql");
        await File.WriteAllTextAsync(script, Booking, cancellationToken);
        var jobs = Math.Min(options.PgbenchClients, Environment.ProcessorCount);
        var result = await Command.RunAsync(
            Path.Combine(server.BinDirectory, "pgbench"),
            ["-n", "-c", $"{options.PgbenchClients}", "-j", $"{jobs}", "-T", $"{options.PgbenchSeconds}", "-f", script,
             "-h", "127.0.0.1", "-p", $"{server.Port}", "-U", "postgres", "pgbench_hot_row"],
            TimeSpan.FromSeconds(options.PgbenchSeconds + 60),
            cancellationToken: cancellationToken);
        var tps = Tps().Match(result.Output);
        if (!result.Succeeded || !tps.Success)
        {
            throw new InvalidOperationException($"pgbench failed (exit {result.ExitCode}):\n{result.Output}");
        }

        var processed = Processed().Match(result.Output);
        Console.WriteLine($"pgbench: {options.PgbenchClients} clients, {options.PgbenchSeconds} s, {(processed.Success ? processed.Groups[1].Value : "?")} transactions, tps = {tps.Groups[1].Value}");
        return double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"tps = ([0-9]+(?:\.[0-9]+)?)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"number of transactions actually processed: ([0-9]+)")]
    private static partial Regex Processed();
}
