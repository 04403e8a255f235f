using System.Net;
using System.Net.Http.Json;
using Npgsql;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;
using WebKita.Silo.Storage.Postgres;
using WebKita.Testing;

namespace WebKita.Bench.Allocation;

/// <summary>
/// The same booking through the api's HTTP endpoint: the api runs as its own process over the
/// same PostgreSQL, and this process is the load generator. Results are read back over HTTP.
/// </summary>
public static class HttpPhase
{
    private const string Tenant = "bench";

    public static async Task<(PhaseResult Result, long ApiPeakRssMegabytes)> RunAsync(PostgresServer server, BenchOptions options, CancellationToken cancellationToken)
    {
        var connectionString = await server.CreateDatabaseAsync("http_hot_offering", cancellationToken);
        await using var api = await ApiProcess.StartAsync(connectionString, cancellationToken);
        Console.WriteLine($"http: api process {api.ProcessId} ready at {api.BaseAddress}");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.HttpConcurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        var capacity = options.HttpCalls / 2;
        var offeringId = await CreateOfferingAsync(client, capacity, cancellationToken);

        var load = new HttpLoad(client, $"/api/v1/tenants/{Tenant}/offerings/{offeringId}/applications", options.HttpCalls);
        var cpu = new CpuMeter(CpuMeter.PostmasterPid(server.DataDirectory), api.ProcessId);
        var cpuBefore = cpu.Now();
        var elapsed = await load.RunAsync(options.HttpConcurrency, cancellationToken);
        cpu.PrintSince(cpuBefore, "http", elapsed);
        await DatabaseActivity.PrintAsync("http", connectionString, cancellationToken);

        var stored = await client.GetFromJsonAsync<ApplicationAnswer[]>(
            new Uri($"/api/v1/tenants/{Tenant}/offerings/{offeringId}/applications", UriKind.Relative), HttpLoad.Json, cancellationToken) ?? [];
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

    private static async Task<Guid> CreateOfferingAsync(HttpClient client, int capacity, CancellationToken cancellationToken)
    {
        var school = await PostAsync(client, $"/api/v1/tenants/{Tenant}/schools", new { name = "Grundschule am Benchmark", address = "Teststraße 1" }, cancellationToken);
        var terms = Children.Terms(school.Id, capacity);
        var offering = await PostAsync(
            client,
            $"/api/v1/tenants/{Tenant}/offerings",
            new
            {
                schoolId = school.Id,
                terms.Title,
                terms.Kind,
                terms.Capacity,
                opensAt = terms.Window.Opens,
                closesAt = terms.Window.Closes,
                lowestGrade = terms.Grades.Lowest,
                highestGrade = terms.Grades.Highest,
                terms.Mode,
            },
            cancellationToken);
        return offering.Id;
    }

    private static async Task<Created> PostAsync<T>(HttpClient client, string path, T body, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, HttpLoad.Json, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await response.Content.ReadFromJsonAsync<Created>(HttpLoad.Json, cancellationToken)
            ?? throw new InvalidOperationException($"POST {path} answered an empty body.");
    }

    /// <summary>Straight from the grains table, which the api does not expose: the offering's version counts its commits.</summary>
    private static async Task<(long Version, int StateBytes)> ReadOfferingAsync(string connectionString, Guid offeringId, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var stored = await new PostgresGrainStore(dataSource).ReadAsync(new GrainKey(Tenant, GrainKinds.Offering, offeringId), cancellationToken);
        return (stored?.Version ?? 0, stored?.State.Length ?? 0);
    }

    private sealed record Created(Guid Id);
}
