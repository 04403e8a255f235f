using System.Globalization;
using Npgsql;
using System.Net.Http.Json;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;
using WebKita.Silo.Storage.Postgres;
using WebKita.Testing;
using WebKita.Testing.ApiProcesses;

namespace WebKita.Bench.Allocation;

/// <summary>
/// The same booking through the api's HTTP endpoint: the api runs as its own process over the
/// same PostgreSQL, and this process is the load generator. Results are read back over HTTP.
/// The county (admin, school, offering, a staff member who submits paper applications) is set up
/// over HTTP as <see cref="ApiCounty"/> does it.
/// </summary>
public static class HttpPhase
{
    public static async Task<(PhaseResult Result, long ApiPeakRssMegabytes)> RunAsync(PostgresServer server, BenchOptions options, CancellationToken cancellationToken)
    {
        var connectionString = await server.CreateDatabaseAsync("http_hot_offering", cancellationToken);
        await using var api = await ApiProcess.StartAsync(connectionString, ApiCounty.Settings, cancellationToken);
        Console.WriteLine($"http: api process {api.ProcessId} ready at {api.BaseAddress}");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.HttpConcurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        var capacity = options.HttpCalls / 2;
        client.DefaultRequestHeaders.Authorization = await ApiCounty.SignInAdminAsync(client, cancellationToken);
        var (schoolId, staff) = await ApiCounty.CreateStaffedSchoolAsync(client, cancellationToken);
        var warmUpOfferingIds = new List<Guid>();
        for (var round = 0; round < options.HttpWarmUpRounds; round++)
        {
            warmUpOfferingIds.Add(await ApiCounty.CreateOfferingAsync(client, schoolId, options.HttpWarmUpCalls / 2, DateTimeOffset.UtcNow.AddMinutes(-1), cancellationToken));
        }

        var offeringId = await ApiCounty.CreateOfferingAsync(client, schoolId, capacity, DateTimeOffset.UtcNow.AddMinutes(-1), cancellationToken);
        client.DefaultRequestHeaders.Authorization = staff;
        var cpu = new CpuMeter(CpuMeter.PostmasterPid(server.DataDirectory), api.ProcessId);
        await WarmUpAsync(client, connectionString, cpu, warmUpOfferingIds, options, cancellationToken);

        var load = new HttpLoad(client, ApiCounty.ApplicationsPath(offeringId), options.HttpCalls);
        var cpuBefore = cpu.Now();
        var elapsed = await load.RunAsync(options.HttpConcurrency, cancellationToken);
        cpu.PrintSince(cpuBefore, "http", elapsed);
        await DatabaseActivity.PrintAsync("http", connectionString, cancellationToken);

        var stored = await client.GetFromJsonAsync<ApplicationAnswer[]>(
            new Uri(ApiCounty.ApplicationsPath(offeringId), UriKind.Relative), HttpLoad.Json, cancellationToken) ?? [];
        var byId = stored.ToDictionary(a => a.Id, a => a.Status);
        var answers = load.Answers.OfType<ApplicationAnswer>().ToList();
        var (version, stateBytes) = await ReadOfferingAsync(connectionString, offeringId, cancellationToken);
        var apiPeakRss = api.PeakRssMegabytes;
        var result = new PhaseResult(
            "http", options.HttpCalls, answers.Count, load.Errors, elapsed,
            AllocationCheck.Of([.. stored.Select(a => (a.Status, a.Arrival))], capacity),
            version, answers.Count(a => !byId.TryGetValue(a.Id, out var status) || status != a.Status), stateBytes, load.Latencies);
        return (result, apiPeakRss);
    }

    /// <summary>
    /// A county's api has long been warm when a rush opens; a fresh process still compiles and
    /// re-tiers its code for tens of thousands of requests on 2 cores. Rounds of the same load on
    /// other offerings, not measured, until a round's CPU per booking in the api is not a tenth below the
    /// best round before it; each round's events dispatched before the next starts.
    /// </summary>
    private static async Task WarmUpAsync(HttpClient client, string connectionString, CpuMeter cpu, IReadOnlyList<Guid> offeringIds, BenchOptions options, CancellationToken cancellationToken)
    {
        var best = double.MaxValue;
        for (var round = 0; round < offeringIds.Count; round++)
        {
            var warmUp = new HttpLoad(client, ApiCounty.ApplicationsPath(offeringIds[round]), options.HttpWarmUpCalls, $"warm-up-{round + 1}");
            var before = cpu.Now().Api;
            var elapsed = await warmUp.RunAsync(options.HttpConcurrency, cancellationToken);
            var perBooking = (cpu.Now().Api - before) / options.HttpWarmUpCalls;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"http: warm-up round {round + 1}: {options.HttpWarmUpCalls} bookings on another offering in {elapsed.TotalSeconds:0.00} s, errors {warmUp.Errors}, api {perBooking * 1e6:0} µs CPU per booking"));
            await DatabaseActivity.WaitForOutboxDrainedAsync(connectionString, cancellationToken);
            if (perBooking > best * 0.9)
            {
                return;
            }

            best = perBooking;
        }
    }

    /// <summary>Straight from the grains table, which the api does not expose: the offering's version counts its commits.</summary>
    private static async Task<(long Version, int StateBytes)> ReadOfferingAsync(string connectionString, Guid offeringId, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var stored = await new PostgresGrainStore(dataSource).ReadAsync(new GrainKey(ApiCounty.Tenant, GrainKinds.Offering, offeringId), cancellationToken);
        return (stored?.Version ?? 0, stored?.State.Length ?? 0);
    }
}
