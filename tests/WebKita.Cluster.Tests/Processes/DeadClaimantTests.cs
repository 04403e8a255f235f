using System.Diagnostics;
using Npgsql;
using WebKita.Silo.Runtime;
using WebKita.Testing.ApiProcesses;
using Xunit.Abstractions;

namespace WebKita.Cluster.Tests.Processes;

/// <summary>
/// A due reminder and an event whose claimant dies are fired and delivered by a survivor once
/// membership declares the dead process dead, not when the claims' leases run out.
/// </summary>
public sealed class DeadClaimantTests(ProcessCluster processes, ITestOutputHelper output) : ProcessClusterTest(processes, output)
{
    // Far below the claim's lease (an hour here), well above fast failure detection (about 2 s) and a reminder poll.
    private static readonly TimeSpan TakeOverBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Kill_ClaimantOfAReminderAndAnEvent_SurvivorTakesBothOverSoonAfterTheDeathIsDeclared()
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
        await ExecuteAsync(database,
            """
            WITH event AS (INSERT INTO outbox (tenant, type, grain_id, occurred_at, payload) VALUES ($1, 'test.claimed', $2, now(), '{}') RETURNING seq)
            INSERT INTO outbox_queue (seq, claimed_until, claimed_by) SELECT seq, now() + interval '1 hour', $3 FROM event
            """,
            ApiCounty.Tenant, offeringId, claimant);

        var clock = Stopwatch.StartNew();
        await Cluster.KillAsync(victim);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        TimeSpan? fired = null, delivered = null;
        while ((fired is null || delivered is null) && clock.Elapsed < TakeOverBound)
        {
            await tick.WaitForNextTickAsync(Deadline);
            fired ??= await ReminderLeftAsync(database, offeringId) ? null : clock.Elapsed;
            delivered ??= await EventDispatchedAsync(database, offeringId) ? clock.Elapsed : null;
        }

        Output.WriteLine($"killed process {victim} ({claimant}), holding both claims for an hour; a survivor fired its reminder {fired?.TotalMilliseconds:F0} ms and delivered its event {delivered?.TotalMilliseconds:F0} ms after the kill");
        fired.Should().NotBeNull("a survivor takes the reminder claimed by a silo the cluster declared dead");
        delivered.Should().NotBeNull("a survivor takes the events claimed by a silo the cluster declared dead");
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

    private async Task<bool> EventDispatchedAsync(NpgsqlDataSource database, Guid grainId)
    {
        await using var command = database.CreateCommand("SELECT NOT EXISTS (SELECT FROM outbox_queue q JOIN outbox o ON o.seq = q.seq WHERE o.grain_id = $1 AND o.type = 'test.claimed')");
        command.Parameters.Add(new() { Value = grainId });
        return (bool)(await command.ExecuteScalarAsync(Deadline))!;
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
