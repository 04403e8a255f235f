using System.Net;
using System.Net.Http.Headers;
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
/// Submissions need a signed-in caller: the api creates a county admin from its bootstrap
/// configuration, the admin creates the school, the offering and a staff account for the school,
/// and the staff member submits every application (paper applications) with one bearer token.
/// Rate limits are raised far beyond the load, so they never refuse a call.
/// </summary>
public static class HttpPhase
{
    private const string Tenant = "bench";
    private const string AdminEmail = "admin@bench.example";
    private const string AdminPassword = "bench-admin-password";
    private const string StaffEmail = "staff@bench.example";
    private const string StaffPassword = "bench-staff-password";
    private const string Unlimited = "1000000000";

    private static readonly Dictionary<string, string> ApiSettings = new()
    {
        ["Bootstrap__Tenant"] = Tenant,
        ["Bootstrap__AdminEmail"] = AdminEmail,
        ["Bootstrap__AdminPassword"] = AdminPassword,
        ["RateLimits__SubmissionsPerAccountPerMinute"] = Unlimited,
        ["RateLimits__SubmissionsPerAddressPerMinute"] = Unlimited,
        ["RateLimits__SignInsPerAddressPerMinute"] = Unlimited,
    };

    public static async Task<(PhaseResult Result, long ApiPeakRssMegabytes)> RunAsync(PostgresServer server, BenchOptions options, CancellationToken cancellationToken)
    {
        var connectionString = await server.CreateDatabaseAsync("http_hot_offering", cancellationToken);
        await using var api = await ApiProcess.StartAsync(connectionString, ApiSettings, cancellationToken);
        Console.WriteLine($"http: api process {api.ProcessId} ready at {api.BaseAddress}");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.HttpConcurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        var capacity = options.HttpCalls / 2;
        client.DefaultRequestHeaders.Authorization = await SignInAsync(client, AdminEmail, AdminPassword, cancellationToken);
        var (schoolId, offeringId) = await CreateOfferingAsync(client, capacity, cancellationToken);
        await PostAsync(
            client,
            $"/api/v1/tenants/{Tenant}/accounts",
            new { email = StaffEmail, password = StaffPassword, displayName = "Benchmark staff", role = "SchoolStaff", schools = new[] { schoolId } },
            cancellationToken);
        client.DefaultRequestHeaders.Authorization = await SignInAsync(client, StaffEmail, StaffPassword, cancellationToken);

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

    private static async Task<AuthenticationHeaderValue> SignInAsync(HttpClient client, string email, string password, CancellationToken cancellationToken)
    {
        var path = $"/api/v1/tenants/{Tenant}/auth/sign-in";
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), new { email, password }, HttpLoad.Json, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} as {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var token = await response.Content.ReadFromJsonAsync<Token>(HttpLoad.Json, cancellationToken);
        return new AuthenticationHeaderValue("Bearer", token?.AccessToken is { Length: > 0 } accessToken
            ? accessToken
            : throw new InvalidOperationException($"POST {path} as {email} answered no access token."));
    }

    private static async Task<(Guid SchoolId, Guid OfferingId)> CreateOfferingAsync(HttpClient client, int capacity, CancellationToken cancellationToken)
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
        return (school.Id, offering.Id);
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

    private sealed record Token(string? AccessToken);
}
