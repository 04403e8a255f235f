using System.Diagnostics;
using Npgsql;
using WebKita.Grains.Offerings;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;
using WebKita.Silo.Storage.Postgres;
using WebKita.Testing.ApiProcesses;
using Xunit.Abstractions;

namespace WebKita.Cluster.Tests.Processes;

/// <summary>Durable reminders survive the whole cluster: an offering's registration opens while every process is down.</summary>
public sealed class ClusterRestartReminderTests(ProcessCluster processes, ITestOutputHelper output) : ProcessClusterTest(processes, output)
{
    // Enough to create the offering and kill every process before it opens, even on a busy machine.
    private static readonly TimeSpan OpensIn = TimeSpan.FromSeconds(20);
    // Below the store's 1-minute reminder lease: a failed first firing must be retried soon, not after the lease.
    private static readonly TimeSpan ReminderDeadline = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Restart_RegistrationOpenedWhileAllDown_ReminderOpensItAfterRestart()
    {
        var opensAt = DateTimeOffset.UtcNow + OpensIn;
        var offeringId = await County.CreateOfferingAsync(Cluster, 10, opensAt, Deadline);
        await using var store = new PostgresGrainStore(NpgsqlDataSource.Create(Cluster.ConnectionString));
        (await RecordedPhaseAsync(store, offeringId)).Should().Be(RegistrationPhase.Scheduled);

        await Cluster.KillAllAsync();
        DateTimeOffset.UtcNow.Should().BeBefore(opensAt, "the cluster must be down before the offering opens");
        // The moment under test is a point on the wall clock, which no event announces: wait for it.
        await Task.Delay(opensAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100), Deadline);
        var restart = Stopwatch.StartNew();
        await Cluster.StartAllAsync(Deadline);
        var started = restart.Elapsed;

        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var phase = await RecordedPhaseAsync(store, offeringId);
        while (phase != RegistrationPhase.Open && restart.Elapsed < started + ReminderDeadline)
        {
            await tick.WaitForNextTickAsync(Deadline);
            phase = await RecordedPhaseAsync(store, offeringId);
        }

        Output.WriteLine($"cluster back in {started.TotalSeconds:F1} s; registration open {(restart.Elapsed - started).TotalMilliseconds:F0} ms later");
        // Why a reminder fired late: its failures and their exceptions, from the processes' logs.
        foreach (var lines in Cluster.Running.Select(i => Cluster[i].Output.Split('\n')))
        {
            foreach (var at in Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains("Reminder", StringComparison.Ordinal)))
            {
                Output.WriteLine(string.Join('\n', lines.Skip(at).Take(3)));
            }
        }

        phase.Should().Be(RegistrationPhase.Open, "the registration-opens reminder, due while the cluster was down, fires after the restart");
    }

    // The phase the reminder recorded; the api answers with the phase the clock gives, which needs no reminder.
    private async Task<RegistrationPhase> RecordedPhaseAsync(IGrainStore store, Guid offeringId) =>
        GrainJson.Deserialize<Offering>((await store.ReadAsync(new GrainKey(ApiCounty.Tenant, GrainKinds.Offering, offeringId), Deadline))!.State).Phase;
}
