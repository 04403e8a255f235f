using System.Globalization;
using WebKita.Bench.Allocation;
using WebKita.Testing;
using WebKita.Testing.ApiProcesses;

// bench/run allocation [--silo-calls N] [--silo-callers N] [--silo-warm-up-calls N] [--silo-warm-up-rounds N] [--http-calls N] [--http-concurrency N] [--http-warm-up-calls N] [--http-warm-up-rounds N] [--pgbench-clients N] [--pgbench-seconds N]
// One private PostgreSQL, three phases on it in turn; the last line is the figure.
var options = BenchOptions.Parse(args);
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
var cancellationToken = timeout.Token;
Console.WriteLine($"allocation: {Environment.ProcessorCount} cores, {options}");

await using var server = await PostgresServer.StartAsync(cancellationToken);
Console.WriteLine($"postgres: private cluster on port {server.Port} ({server.BinDirectory})");

var tps = await PgbenchPhase.RunAsync(server, options, cancellationToken);
Collect();

var silo = await SiloPhase.RunAsync(server, options, cancellationToken);
silo.Print();
Collect();

var (http, apiPeakRss) = await HttpPhase.RunAsync(server, options, cancellationToken);
http.Print();

var benchPeakRss = PeakRss.OfSelfMegabytes();
Console.WriteLine($"peak rss: benchmark process (silo phase, load generator) {benchPeakRss} MB, api process {apiPeakRss} MB");
var overbooked = silo.Check.Overbooked + http.Check.Overbooked;
var violations = silo.Check.OrderViolations + http.Check.OrderViolations;
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"allocation: ratio {silo.Rate / tps:F2} http-ratio {http.Rate / tps:F2} (silo {silo.Rate:F0}/s, http {http.Rate:F0}/s, pgbench {tps:F0} tps), overbooked {overbooked}, order-violations {violations}, peak-rss {Math.Max(benchPeakRss, apiPeakRss)} MB"));

static void Collect()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
}
