using WebKita.Testing;

namespace WebKita.Api.Tests.Support;

/// <summary>
/// The built api run as its own process (<c>dotnet WebKita.Api.dll</c>) on PostgreSQL, on a free
/// loopback port, so a test can SIGKILL it mid-request. Configured as <see cref="ApiSettings.ForTests"/>,
/// through the environment. Killed on dispose.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private const int PortAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> SiloPorts = new();

    private readonly ChildProcess _process;

    private ApiProcess(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output => _process.Output;

    /// <summary>
    /// Starts the api and returns once Kestrel listens; a port taken meanwhile is retried on another.
    /// <paramref name="settings"/> ("A:B" keys) come on top of <see cref="ApiSettings.ForTests"/>.
    /// </summary>
    public static async Task<ApiProcess> StartAsync(
        string connectionString, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var assembly = ApiAssemblyPath();
        // A process restarted on the same database is the same silo host coming back: on its old
        // silo port, Orleans declares its SIGKILLed predecessor dead at once. On a new port the lone
        // new silo would wait for the dead one, which no live silo is left to vote out.
        var siloPort = SiloPorts.GetOrAdd(connectionString, _ => FreePort.Next());
        for (var attempt = 1; ; attempt++)
        {
            var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
            var environment = new Dictionary<string, string?>(ApiSettings.AsEnvironment())
            {
                ["Silo__Store"] = "Postgres",
                ["Silo__ConnectionString"] = connectionString,
                ["Silo__Cluster__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Urls"] = baseAddress.ToString().TrimEnd('/'),
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            var process = ChildProcess.Start("dotnet", [assembly], environment, Path.GetDirectoryName(assembly));
            try
            {
                await process.WaitForLineAsync(line => line.Contains("Now listening on", StringComparison.Ordinal), StartTimeout, cancellationToken);
                return new ApiProcess(process, baseAddress);
            }
            catch (InvalidOperationException) when (attempt < PortAttempts && process.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await process.DisposeAsync();
            }
            catch
            {
                await process.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>A client with enough connections for a rush and no retries of its own; anonymous, or sending <paramref name="token"/>.</summary>
    public WebKitaClient CreateClient(string? token = null, string tenant = WebKitaClient.DefaultTenant)
    {
        var client = new WebKitaClient(
            new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) }, tenant);
        return token is null ? client : client.WithToken(token);
    }

    /// <summary>Waits until the process has printed a line containing <paramref name="text"/>.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout) =>
        _process.WaitForLineAsync(line => line.Contains(text, StringComparison.Ordinal), timeout);

    /// <summary>SIGKILL: the process dies between any two instructions, without running shutdown code.</summary>
    public void Kill() => _process.Kill();

    public Task<int> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>
    /// The api built in the same configuration as these tests: its own output folder
    /// (api/bin/&lt;Configuration&gt;/&lt;tfm&gt;), else the copy next to the test assembly.
    /// </summary>
    private static string ApiAssemblyPath()
    {
        const string name = "WebKita.Api.dll";
        var testDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testDirectory.Name;
        var configuration = testDirectory.Parent!.Name;
        for (var directory = testDirectory; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "api", "bin", configuration, framework, name);
            if (File.Exists(Path.Combine(directory.FullName, "api", "WebKita.Api.csproj")) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        var beside = Path.Combine(testDirectory.FullName, name);
        return File.Exists(beside) ? beside : throw new FileNotFoundException($"No {name} built for {configuration}/{framework} in api/bin or beside the tests.", beside);
    }
}
