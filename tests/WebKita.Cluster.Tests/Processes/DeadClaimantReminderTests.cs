using System.Diagnostics;
using Npgsql;
using WebKita.Silo.Runtime;
using WebKita.Testing.ApiProcesses;
using Xunit.Abstractions;

namespace WebKita.Cluster.Tests.Processes;

/// <summary>
/// A due reminder whose claimant dies is fired by a survivor once membership declares the dead
/// process dead, not when the claim's lease runs out.
/// </summary>
public sealed class DeadClaimantReminderTests(ProcessCluster processes, ITestOutputHelper output) : ProcessClusterTest(processes, output)
{
    // Far below the claim's lease (an hour here), well above fast failure detection (about 2 s) and a reminder poll.
    private static readonly TimeSpan TakeOverBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Kill_ClaimantOfADueReminder_SurvivorFiresItSoonAfterTheDeathIsDeclared()
    {
        var victim = Cluster.Running.Last();
        await using var database = NpgsqlDataSource.Create(Cluster.ConnectionString);
        var claimant = await SiloAddressAsync(database, Cluster.SiloPorts[victim]);
        // An offering that does not exist: its grain only deletes the reminder, the firing under test.
        var offeringId = Guid.NewGuid();
        await ExecuteAsync(database,
            """
            INSERT INTO reminders (tenant, kind, id, name, due_at, claimed_until, claimed_by)
            VALUES ($1, $2, $3, 'registration-opens', now() - interval '1 second', now() + interval '1 hour', $4)
            """,
            ApiCounty.Tenant, GrainKinds.Offering, offeringId, claimant);

        var clock = Stopwatch.StartNew();
        await Cluster.KillAsync(victim);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (await ReminderLeftAsync(database, offeringId) && clock.Elapsed < TakeOverBound)
        {
            await tick.WaitForNextTickAsync(Deadline);
        }

        Output.WriteLine($"killed process {victim} ({claimant}), holding the claim for an hour; its reminder fired by a survivor {clock.ElapsedMilliseconds} ms later");
        (await ReminderLeftAsync(database, offeringId)).Should().BeFalse("a survivor takes the claim of a silo the cluster declared dead");
    }

    /// <summary>The running generation of the silo on <paramref name="port"/>, as membership names it.</summary>
    private async Task<string> SiloAddressAsync(NpgsqlDataSource database, int port)
    {
        await using var command = database.CreateCommand(
            """
            SELECT silo_address FROM orleans_membership WHERE cluster_id = $1 AND silo_address LIKE $2
            ORDER BY split_part(silo_address, '@', 2)::bigint DESC LIMIT 1
            """);
        command.Parameters.Add(new() { Value = Cluster.ClusterId });
        command.Parameters.Add(new() { Value = $"%:{port}@%" });
        return (string)(await command.ExecuteScalarAsync(Deadline) ?? throw new InvalidOperationException($"No silo on port {port} in membership."));
    }

    private async Task<bool> ReminderLeftAsync(NpgsqlDataSource database, Guid offeringId)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM reminders WHERE id = $1");
        command.Parameters.Add(new() { Value = offeringId });
        return (long)(await command.ExecuteScalarAsync(Deadline))! > 0;
    }

    private async Task ExecuteAsync(NpgsqlDataSource database, string sql, params object[] values)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }

        await command.ExecuteNonQueryAsync(Deadline);
    }
}
