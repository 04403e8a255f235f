using System.Globalization;

namespace WebKita.Testing.ApiProcesses;

/// <summary>
/// The real api as its own process (<c>dotnet WebKita.Api.dll</c>, copied next to the calling
/// test or benchmark by its project reference to the api) over PostgreSQL, configured through the
/// environment as a deployment would be, on a free loopback port. Killed on dispose.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private const int PortAttempts = 3;
    private const string ReadyLine = "WebKITA is running at";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly ChildProcess _process;

    private ApiProcess(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process printed so far.</summary>
    public string Output => _process.Output;

    /// <summary>The api's peak resident set so far; read it before disposing.</summary>
    public long PeakRssMegabytes => PeakRss.OfMegabytes(_process.Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>Starts the api and returns once it has started (its banner); a port taken meanwhile is retried on another.</summary>
    /// <param name="settings">More configuration for the api (<c>Section:Key</c> or <c>Section__Key</c>), passed as environment variables.</param>
    public static async Task<ApiProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var output = "";
        for (var attempt = 1; attempt <= PortAttempts; attempt++)
        {
            var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
            var environment = new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Urls"] = baseAddress.ToString().TrimEnd('/'),
                ["Silo__Store"] = "Postgres",
                ["Silo__ConnectionString"] = connectionString,
                ["Demo__Enabled"] = "false",
                ["Logging__LogLevel__Default"] = "Warning",
            };
            foreach (var (name, value) in settings)
            {
                environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            var process = ChildProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "WebKita.Api.dll")], environment, AppContext.BaseDirectory);
            try
            {
                // The banner is printed once the application has started: the silo is active and Kestrel listens.
                await process.WaitForLineAsync(line => line.Contains(ReadyLine, StringComparison.Ordinal), StartTimeout, cancellationToken);
                return new ApiProcess(process, baseAddress);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                // Exited (a port taken meanwhile) or never started: another port.
                output = process.Output;
                await process.DisposeAsync();
            }
            catch
            {
                // Cancelled: the child must not outlive the caller.
                await process.DisposeAsync();
                throw;
            }
        }

        throw new InvalidOperationException($"The api did not become ready within {StartTimeout.TotalSeconds} s:\n{output}");
    }

    /// <summary>Waits until the process has printed a line containing <paramref name="text"/>.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout) =>
        _process.WaitForLineAsync(line => line.Contains(text, StringComparison.Ordinal), timeout);

    /// <summary>SIGKILL: the process dies between any two instructions, without running shutdown code.</summary>
    public void Kill() => _process.Kill();

    public Task<int> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
