using System.Globalization;
using WebKita.Bench.Failover;
using WebKita.Testing;

// bench/run failover [--offerings N] [--capacity N] [--workers N] [--seconds-before-kill N] [--seconds-after-kill N]
// One private PostgreSQL; the same run twice on fresh databases: first with Orleans' default
// membership settings (the baseline), then with the fast failure detection of SERVICES.md.
// The last line is the figure of the second run.
var options = FailoverOptions.Parse(args);
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
var cancellationToken = timeout.Token;
Console.WriteLine($"failover: {Environment.ProcessorCount} cores, {options}");

await using var server = await PostgresServer.StartAsync(cancellationToken);
Console.WriteLine($"postgres: private cluster on port {server.Port} ({server.BinDirectory})");

var baseline = await FailoverRun.RunAsync("baseline", server, options, new Dictionary<string, string>(), cancellationToken);
var fast = await FailoverRun.RunAsync("fast", server, options, membership: null, cancellationToken);

var invariant = CultureInfo.InvariantCulture;
Console.WriteLine(baseline.Recovery is { } slow && fast.Recovery is { } quick
    ? string.Create(invariant, $"failover: recovery with fast failure detection {quick.TotalMilliseconds:F0} ms vs {slow.TotalMilliseconds:F0} ms with Orleans' defaults, ratio {quick / slow:F2}")
    : "failover: an offering never took bookings again in one of the runs (see above)");
var failures = baseline.Check.Lost + baseline.Check.Duplicated + baseline.Check.Overbooked;
if (failures > 0)
{
    Console.WriteLine($"failover: the baseline run lost, duplicated or overbooked: {baseline.Check}");
}

Console.WriteLine(string.Create(invariant,
    $"failover: recovery-ms {(fast.Recovery is { } r ? r.TotalMilliseconds.ToString("F0", invariant) : "never")} (probe settings {fast.Membership}), lost {fast.Check.Lost}, duplicated {fast.Check.Duplicated}, overbooked {fast.Check.Overbooked}"));
