using System.Net;
using System.Net.Sockets;

namespace WebKita.Testing;

/// <summary>
/// A private Azurite (blob, queue and table) on free loopback ports with a fresh
/// <c>--location</c> directory, started with <c>--skipApiVersionCheck --loose</c> because the
/// Azure SDKs speak newer service versions than Azurite 3.37 knows. Ready once it reports all
/// three services listening and each accepts a TCP connection; killed and its directory
/// deleted on dispose. Uses the well-known development account. Thread-safe.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>The development account every Azurite accepts.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The development account's key, published in Azurite's README.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int Attempts = 3;
    private static readonly Lazy<Task<AzuriteServer>> SharedServer = new(StartSharedAsync);

    private readonly ChildProcess _process;

    private AzuriteServer(ChildProcess process, string location, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        Location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>The directory Azurite keeps its data in; deleted on dispose.</summary>
    public string Location { get; }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public Uri BlobEndpoint => new($"http://127.0.0.1:{BlobPort}/{AccountName}");

    public Uri QueueEndpoint => new($"http://127.0.0.1:{QueuePort}/{AccountName}");

    public Uri TableEndpoint => new($"http://127.0.0.1:{TablePort}/{AccountName}");

    /// <summary>A connection string for the development account on this instance's ports (path-style URLs).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>Everything Azurite printed so far.</summary>
    public string Output => _process.Output;

    /// <summary>
    /// One Azurite for the whole test process, started on first use and stopped when the process
    /// exits (a static that is never disposed would otherwise leave it running after the tests).
    /// </summary>
    public static Task<AzuriteServer> Shared => SharedServer.Value;

    /// <summary>
    /// Starts Azurite from <c>.tools/azurite</c> (installed by scripts/install-deps). A port
    /// taken by someone else between choosing and binding it makes Azurite exit; then it is
    /// started again on new ports, up to three times.
    /// </summary>
    public static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = FindExecutable();
        Exception? last = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var location = Directory.CreateTempSubdirectory("webkita-azurite-").FullName;
            int[] ports = [FreePort.Next(), FreePort.Next(), FreePort.Next()];
            if (ports.Distinct().Count() != ports.Length)
            {
                DeleteQuietly(location);
                continue;
            }

            var process = ChildProcess.Start(
                executable,
                [
                    "--blobHost", "127.0.0.1", "--blobPort", Invariant(ports[0]),
                    "--queueHost", "127.0.0.1", "--queuePort", Invariant(ports[1]),
                    "--tableHost", "127.0.0.1", "--tablePort", Invariant(ports[2]),
                    "--location", location,
                    "--skipApiVersionCheck", "--loose", "--silent",
                ],
                workingDirectory: location);
            var server = new AzuriteServer(process, location, ports[0], ports[1], ports[2]);
            try
            {
                foreach (var service in new[] { "Blob", "Queue", "Table" })
                {
                    await process.WaitForLineAsync(
                        line => line.Contains($"Azurite {service} service is successfully listening", StringComparison.Ordinal),
                        StartTimeout,
                        cancellationToken).ConfigureAwait(false);
                }
                foreach (var port in ports)
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port, cancellationToken).AsTask().WaitAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
                }
                return server;
            }
            catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or SocketException)
            {
                last = exception;
                await server.DisposeAsync().ConfigureAwait(false);
                if (exception is TimeoutException)
                {
                    break;
                }
            }
        }

        throw new InvalidOperationException($"Azurite did not start after {Attempts} attempts", last);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        DeleteQuietly(Location);
    }

    private static async Task<AzuriteServer> StartSharedAsync()
    {
        var server = await StartAsync().ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }

    /// <summary>The azurite launcher under the repository's .tools/azurite (an npm prefix).</summary>
    public static string FindExecutable()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".tools", "azurite", "node_modules", ".bin", "azurite");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "azurite is not installed under .tools/azurite above " + AppContext.BaseDirectory + ": run scripts/install-deps");
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
