using System.Collections.Concurrent;
using System.Globalization;
using WebKita.Testing;
using WebKita.Testing.ApiProcesses;

namespace WebKita.Api.Tests.Support;

/// <summary>
/// The built api as its own process (<see cref="ApiProcess"/>), configured as
/// <see cref="ApiSettings.ForTests"/>, so a test can SIGKILL it mid-request or read what it prints.
/// </summary>
public static class TestApiProcess
{
    private static readonly ConcurrentDictionary<string, int> SiloPorts = new();

    /// <summary><paramref name="settings"/> come on top of <see cref="ApiSettings.ForTests"/>.</summary>
    public static Task<ApiProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        // A process restarted on the same database is the same silo host coming back: on its old
        // silo port, Orleans declares its SIGKILLed predecessor dead at once. On a new port the lone
        // new silo would wait for the dead one, which no live silo is left to vote out.
        var siloPort = SiloPorts.GetOrAdd(connectionString, _ => FreePort.Next());
        var all = new Dictionary<string, string>(ApiSettings.ForTests)
        {
            ["Silo:Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return ApiProcess.StartAsync(connectionString, all, CancellationToken.None);
    }

    /// <summary>A client with enough connections for a rush and no retries of its own; anonymous, or sending <paramref name="token"/>.</summary>
    public static WebKitaClient CreateClient(this ApiProcess api, string? token = null, string tenant = WebKitaClient.DefaultTenant)
    {
        var client = new WebKitaClient(
            new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) }, tenant);
        return token is null ? client : client.WithToken(token);
    }
}
