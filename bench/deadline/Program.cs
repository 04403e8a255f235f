using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WebKita.Bench;
using WebKita.Bench.Deadline;
using WebKita.Grains.Common;
using WebKita.Grains.Rounds;
using WebKita.Silo;
using WebKita.Silo.Cluster;
using WebKita.Silo.Rounds;
using WebKita.Silo.Runtime;
using WebKita.Silo.Statutes;
using WebKita.Silo.Storage;
using WebKita.Silo.Storage.Postgres;
using WebKita.Testing;

// bench/run deadline [--applications N] [--offerings N] [--seed N] [--callers N]
// Loads a round through the silo into a private PostgreSQL, then times one plain SELECT of its
// applications (the baseline) against the whole allocation run at the deadline; the last line is the figure.
// The floor line before it says how far down any run could go: the read plus the cheapest write of what the run wrote.
var applications = Option("--applications", 50_000);
var offeringCount = Option("--offerings", 200);
var seed = Option("--seed", 2026);
var callers = Option("--callers", 256);
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
var cancellationToken = timeout.Token;
Console.WriteLine($"deadline: {Environment.ProcessorCount} cores, {applications} applications over {offeringCount} offerings, data seed {seed}");

var county = County.Generate(applications, offeringCount, seed);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"county: {offeringCount / County.OfferingsPerSchool} schools, {county.Capacities.Sum()} places, " +
    $"preferences 1/2/3: {county.Forms.Count(f => f.Preferences.Count == 1)}/{county.Forms.Count(f => f.Preferences.Count == 2)}/{county.Forms.Count(f => f.Preferences.Count == 3)}, " +
    $"{county.SiblingGroups} sibling groups, {county.Forms.Count(f => BenchStatute.Entitled(f.Child.Grade))} entitled first-graders, " +
    $"{county.Forms.GroupBy(f => f.Preferences[0]).Count(g => g.Count() > county.Capacities[Array.IndexOf(county.OfferingIds, g.Key)])} offerings with more first choices than places"));

await using var server = await PostgresServer.StartAsync(cancellationToken);
var connectionString = await server.CreateDatabaseAsync("deadline", cancellationToken);
await using var dataSource = NpgsqlDataSource.Create(connectionString);
var plainStore = new PostgresGrainStore(dataSource);
await plainStore.MigrateAsync(cancellationToken);
var timings = new StoreTally();
var store = TimedStore.Wrap(plainStore, timings);

var tenant = new TenantId("bench");
var roundId = Guid.Parse("d3ad1100-0000-4000-8000-000000000001");
var deadline = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
var time = new ManualTimeProvider(deadline.AddDays(-30));
var silo = new SiloOptions { Store = "Postgres", ConnectionString = connectionString };
// The statute lives in an Orleans grain: a silo host on the same database, its store timed like the round's.
var hostBuilder = SiloHost.CreateBuilder(
    new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Silo:Store"] = silo.Store,
        ["Silo:ConnectionString"] = connectionString,
        ["Silo:Cluster:Dashboard"] = "false",
    }).Build(),
    time,
    runsLoops: false);
hostBuilder.Services.AddSingleton(store);
var host = hostBuilder.Build();
await host.StartAsync(cancellationToken);
var statutes = host.Services.GetRequiredService<StatuteDirectory>();
var rounds = host.Services.GetRequiredService<RoundDirectory>();
using var reminders = new ReminderService(store, [rounds], time, silo, new ConsoleLogger<ReminderService>(), new ProcessClaimants());

var enacted = await statutes.AmendAsync(tenant, BenchStatute.Criteria, BenchStatute.PriorityGrades, Guid.NewGuid(), cancellationToken);
var created = await rounds.SendAsync(tenant, roundId, new CreateRound(county.Terms(deadline)), cancellationToken);
if ((enacted.Refusal ?? created.Refusal) is { } setupRefusal)
{
    throw new InvalidOperationException($"Setting up was refused: {setupRefusal.Code} {setupRefusal.Message}");
}

await Loader.LoadAsync(rounds, tenant, roundId, county.Forms, callers, cancellationToken);
await using (var settle = dataSource.CreateCommand("VACUUM ANALYZE"))
{
    // Both timed parts start from the same settled table: no autovacuum or checkpoint of the load in the middle of either.
    await settle.ExecuteNonQueryAsync(cancellationToken);
    settle.CommandText = "CHECKPOINT";
    await settle.ExecuteNonQueryAsync(cancellationToken);
}

var readCostsBefore = await ProcessCosts.NowAsync(dataSource, server.DataDirectory, cancellationToken);
var read = await BaselineRead.RunAsync(dataSource, tenant.Value, roundId, cancellationToken);
var readCosts = (await ProcessCosts.NowAsync(dataSource, server.DataDirectory, cancellationToken)).Since(readCostsBefore);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"read: one SELECT of {read.Rows} application rows ({read.Chars / 1048576.0:F1} MB of JSON) in {read.Elapsed.TotalSeconds:F2} s"));
Console.WriteLine($"read costs: {readCosts}");

var before = await rounds.FindRoundAsync(tenant, roundId, cancellationToken) ?? throw new InvalidOperationException("The round is missing.");
var outboxEnd = await WriteFloor.OutboxEndAsync(dataSource, cancellationToken);
time.SetUtcNow(deadline);
var loadPeakRss = PeakRss.OfSelfMegabytes();
var peakReset = PeakRss.TryReset();
timings.Reset();
var costsBefore = await ProcessCosts.NowAsync(dataSource, server.DataDirectory, cancellationToken);
var clock = Stopwatch.StartNew();
var fired = await reminders.FireDueAsync(cancellationToken);
var run = clock.Elapsed;
var costs = (await ProcessCosts.NowAsync(dataSource, server.DataDirectory, cancellationToken)).Since(costsBefore);
var after = await rounds.FindRoundAsync(tenant, roundId, cancellationToken);
if (fired != 1 || after is not { Phase: RoundPhase.Allocated, Run: { } published })
{
    throw new InvalidOperationException($"The deadline run did not happen: {fired} reminders fired, round {after?.Phase}.");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"run: deadline reminder fired, {published.Applicants} ranked, {published.Placed} placed, {published.PlacedAboveCapacity} entitled above capacity " +
    $"(shortfall at {published.Shortfalls.Count} schools), {published.Waitlisted} waitlisted, committed in {run.TotalSeconds:F2} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"run breakdown: list (SELECT) {timings.SecondsIn("ListAsync"):F2} s, commit {timings.SecondsIn("CommitAsync"):F2} s, " +
    $"other store calls {timings.SecondsInStore() - timings.SecondsIn("ListAsync") - timings.SecondsIn("CommitAsync"):F2} s, " +
    $"in process (deserialize, allocation, serialize) {run.TotalSeconds - timings.SecondsInStore():F2} s"));
Console.WriteLine($"run store calls: {timings.Describe()}");
Console.WriteLine($"run costs: {costs}");
var runPeakRss = PeakRss.OfSelfMegabytes();
Console.WriteLine(peakReset
    ? $"memory: peak rss {loadPeakRss} MB while loading, {runPeakRss} MB during the run"
    : $"memory: peak rss {runPeakRss} MB (the run's own peak cannot be told from the load's here)");

var stored = await rounds.ListApplicationsAsync(tenant, roundId, cancellationToken);
var statute = await statutes.FindAsync(tenant, cancellationToken) ?? throw new InvalidOperationException("The statute is missing.");
Replay.Print(before, stored, statute.Current().Rules, published.Seed, deadline);

var check = ResultCheck.Of(after, stored);
var simulated = await rounds.SimulateAsync(tenant, roundId, published.Seed, published.RulesVersion, cancellationToken);
var simulationMismatches = simulated.Value is { } result ? SimulationCheck.Mismatches(result, stored, after) : stored.Count;
var results = await OutboxResultsAsync(dataSource, tenant.Value, cancellationToken);
Console.WriteLine(
    $"check: {check.Applications} applications, {check.WithOneResult} with exactly one result, {results.Events} result events for {results.Applications} applications, " +
    $"{check.AboveCapacityEntitled} entitled above capacity, {check.ExplanationMismatches} explanation mismatches (points recounted, lottery recomputed), " +
    $"simulation with the published seed: {simulationMismatches} differences");
var ok = check.Applications == applications && check.WithOneResult == applications && results.Events == applications && results.Applications == applications
    && check.ExplanationMismatches == 0 && simulationMismatches == 0 && check.OverCapacity == 0 && check.BlockingPairs == 0;
if (!ok)
{
    Console.WriteLine("check: FAILED");
    Environment.ExitCode = 1;
}

var floor = await WriteFloor.RunAsync(dataSource, tenant.Value, roundId, outboxEnd, cancellationToken);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"floor: the run's standings, result events and their queue entries ({floor.Rows} rows) copied by PostgreSQL into empty twins of their tables in one transaction: {floor.Elapsed.TotalSeconds:F2} s; " +
    $"with the read, no run can take less than {(read.Elapsed + floor.Elapsed).TotalSeconds:F2} s, ratio {(read.Elapsed + floor.Elapsed) / read.Elapsed:F2}"));

// The figure is the silo's peak (loading and the run); the checks above hold several copies of the results and are not counted.
var peakRss = Math.Max(loadPeakRss, runPeakRss);
Console.WriteLine($"memory: peak rss {PeakRss.OfSelfMegabytes()} MB with the checks after the run (not counted)");
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"deadline: ratio {run.TotalSeconds / read.Elapsed.TotalSeconds:F2} (run {run.TotalSeconds:F2} s, read {read.Elapsed.TotalSeconds:F2} s), over-capacity {check.OverCapacity}, blocking-pairs {check.BlockingPairs}, peak-rss {peakRss} MB"));
await host.StopAndDisposeAsync();

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static async Task<(long Events, long Applications)> OutboxResultsAsync(NpgsqlDataSource dataSource, string tenant, CancellationToken cancellationToken)
{
    await using var command = dataSource.CreateCommand(
        "SELECT count(*), count(DISTINCT grain_id) FROM outbox WHERE tenant = $1 AND type IN ('application.offered', 'application.waitlisted')");
    command.Parameters.Add(new() { Value = tenant });
    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
    await reader.ReadAsync(cancellationToken);
    return (reader.GetInt64(0), reader.GetInt64(1));
}
