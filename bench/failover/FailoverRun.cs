using System.Diagnostics;
using System.Globalization;
using WebKita.Cluster.Tests.Support;
using WebKita.Testing;
using WebKita.Testing.ApiProcesses;

namespace WebKita.Bench.Failover;

/// <summary>
/// One run: three api processes on a fresh database under a steady booking load over several
/// offerings; once every offering has taken bookings, the process whose silo holds the most
/// offering activations is SIGKILLed and taken out of the load balancer; the load goes on until
/// every offering has recovered (and at least <see cref="FailoverOptions.SecondsAfterKill"/>),
/// then what the store holds is checked against every answer.
/// </summary>
public static class FailoverRun
{
    private const int Processes = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(60);

    public static async Task<FailoverResult> RunAsync(
        string name, PostgresServer server, FailoverOptions options, IReadOnlyDictionary<string, string>? membership, CancellationToken cancellationToken)
    {
        var database = await server.CreateDatabaseAsync($"failover_{name}", cancellationToken);
        var clock = Stopwatch.StartNew();
        await using var cluster = await ApiCluster.StartAsync(database, Processes, ApiCounty.Settings, cancellationToken, membership);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {Processes} api processes up in {clock.Elapsed.TotalSeconds:F1} s, membership {cluster.MembershipDescription}"));
        using var county = await ClusterCounty.CreateAsync(cluster, cancellationToken);
        var offerings = new List<Guid>();
        for (var i = 0; i < options.Offerings; i++)
        {
            offerings.Add(await county.CreateOfferingAsync(cluster, options.Capacity, DateTimeOffset.UtcNow.AddMinutes(-1), cancellationToken));
        }

        await using var client = await ClusterClient.ConnectAsync(cluster);
        var booking = new BalancedBooking(county.StaffClients(cluster, options.Workers), Patience);
        var load = new SteadyLoad(booking, offerings, Processes);
        var running = load.RunAsync(options.Workers, cancellationToken);

        await Until(() => offerings.All(o => booking.Attempts.Any(a => a.OfferingId == o && a.Succeeded)), TimeSpan.FromSeconds(60), "every offering took a booking", cancellationToken);
        // Steady load for a while before the kill: a duration of the benchmark, not a wait for an event.
        await Task.Delay(TimeSpan.FromSeconds(options.SecondsBeforeKill), cancellationToken);
        var hosts = await HostsAsync(client, cluster, offerings);
        var victim = Enumerable.Range(0, Processes).MaxBy(slot => hosts.Count(h => h == slot));
        var sentBeforeKill = load.Sent;
        var killedAt = Stopwatch.GetTimestamp();
        await cluster.KillAsync(victim);
        booking.MarkDown(victim);
        var declaredDead = DeclaredDeadAsync(client, cluster.SiloPorts[victim], killedAt, cancellationToken);
        Console.WriteLine($"{name}: killed process {victim} (pid gone), which held {hosts.Count(h => h == victim)} of {offerings.Count} offerings, after {sentBeforeKill} bookings");

        await Until(
            () => Stopwatch.GetElapsedTime(killedAt).TotalSeconds >= options.SecondsAfterKill
                && Recovery.PerOffering(booking.Attempts, victim, killedAt) is var recovered && offerings.All(o => recovered.GetValueOrDefault(o) is not null),
            RecoveryDeadline, "every offering booked again", cancellationToken, throwOnTimeout: false);
        load.Stop();
        await running;

        var recovery = Recovery.PerOffering(booking.Attempts, victim, killedAt);
        Console.WriteLine(await declaredDead is { } dead
            ? string.Create(CultureInfo.InvariantCulture, $"{name}: membership declared the killed silo dead {dead.TotalMilliseconds:F0} ms after the kill")
            : $"{name}: membership had not declared the killed silo dead by the end of the run");
        var movedTo = await HostsAsync(client, cluster, offerings);
        Console.WriteLine($"{name}: offerings now on processes {string.Join(",", movedTo)} (before the kill {string.Join(",", hosts)})");
        var check = await StoreCheck.RunAsync(county.StaffClient(cluster[cluster.Running.First()], 4), offerings, options.Capacity, load.Answers.Values, cancellationToken);
        var attempts = booking.Attempts;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {load.Sent} bookings sent, {load.Answers.Values.Count(a => a.Answer.IsSuccess)} answered 2xx, {load.Answers.Values.Count(a => !a.Answer.IsSuccess)} gave up; {attempts.Count(a => !a.Succeeded)} failed attempts retried; recovery per offering ms {string.Join(" ", offerings.Select(o => recovery.GetValueOrDefault(o) is { } r ? r.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) : "never"))}"));
        Console.WriteLine($"{name}: {check}");
        var worst = offerings.Select(o => recovery.GetValueOrDefault(o)).ToList();
        return new FailoverResult(
            cluster.MembershipDescription,
            worst.Any(r => r is null) ? null : worst.Max(r => r!.Value),
            check);
    }

    /// <summary>For each offering, the slot whose silo holds its activation (-1 when none does).</summary>
    private static async Task<List<int>> HostsAsync(ClusterClient client, ApiCluster cluster, IEnumerable<Guid> offerings)
    {
        var hosts = new List<int>();
        foreach (var offering in offerings)
        {
            var ports = await client.ActivationsAsync(OfferingGrains.IdOf(client.Grains, offering));
            hosts.Add(ports.Count == 1 ? cluster.SiloPorts.ToList().IndexOf(ports[0]) : -1);
        }

        return hosts;
    }

    /// <summary>How long after the kill the membership stopped listing the killed silo as active; null if not within a minute.</summary>
    private static async Task<TimeSpan?> DeclaredDeadAsync(ClusterClient client, int siloPort, long killedAt, CancellationToken cancellationToken)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (Stopwatch.GetElapsedTime(killedAt) < RecoveryDeadline)
        {
            try
            {
                if (!(await client.ActiveSilosAsync()).Contains(siloPort))
                {
                    return Stopwatch.GetElapsedTime(killedAt);
                }
            }
            catch (OrleansMessageRejectionException)
            {
                // The silo answering for the cluster was the killed one; ask again.
            }

            await tick.WaitForNextTickAsync(cancellationToken);
        }

        return null;
    }

    /// <summary>Awaits <paramref name="condition"/>, checked every 50 ms, for at most <paramref name="timeout"/>.</summary>
    private static async Task Until(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken, bool throwOnTimeout = true)
    {
        var deadline = Stopwatch.StartNew();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                if (throwOnTimeout)
                {
                    throw new TimeoutException($"Not reached within {timeout.TotalSeconds} s: {what}.");
                }

                return;
            }

            await tick.WaitForNextTickAsync(cancellationToken);
        }
    }
}

/// <summary>What one run reached: its membership settings, the slowest offering's recovery (null: one never recovered), and the store check.</summary>
public sealed record FailoverResult(string Membership, TimeSpan? Recovery, StoreCheck Check);
