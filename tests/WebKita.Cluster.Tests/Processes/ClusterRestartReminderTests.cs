using System.Diagnostics;
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
        (await PhaseAsync(Reader(), offeringId)).Should().Be("Scheduled");

        await Cluster.KillAllAsync();
        DateTimeOffset.UtcNow.Should().BeBefore(opensAt, "the cluster must be down before the offering opens");
        // The moment under test is a point on the wall clock, which no event announces: wait for it.
        await Task.Delay(opensAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100), Deadline);
        var restart = Stopwatch.StartNew();
        await Cluster.StartAllAsync(Deadline);
        var started = restart.Elapsed;
        var client = Reader();

        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var phase = await PhaseAsync(client, offeringId);
        while (phase != "Open" && restart.Elapsed < started + ReminderDeadline)
        {
            await tick.WaitForNextTickAsync(Deadline);
            phase = await PhaseAsync(client, offeringId);
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

        phase.Should().Be("Open", "the registration-opens reminder, due while the cluster was down, fires after the restart");
    }

    private async Task<string> PhaseAsync(HttpClient client, Guid offeringId) =>
        (await Bookings.OfferingAsync(client, offeringId, Deadline)).Phase;
}
