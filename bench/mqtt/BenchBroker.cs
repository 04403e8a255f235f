using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WebKita.Bench.Mqtt;

/// <summary>mosquitto with the repository's config on a free loopback port and a temporary persistence directory.</summary>
internal sealed class BenchBroker : IAsyncDisposable
{
    private readonly Process _process;

    private BenchBroker(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    public static async Task<BenchBroker> StartAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("webkita-bench-mosquitto-").FullName;
        var port = FreePort();
        // The client is measured here, not the broker's accounts: anonymous, without the dynamic-security plugin.
        var replaced = new[] { "listener ", "persistence_location ", "log_dest ", "user ", "plugin", "allow_anonymous " };
        var config = File.ReadAllLines(RepositoryFile("deploy/mosquitto/mosquitto.conf"))
            .Where(line => !replaced.Any(prefix => line.StartsWith(prefix, StringComparison.Ordinal)))
            .Append($"listener {port} 127.0.0.1")
            .Append($"persistence_location {directory}/")
            // Debug level records every PUBLISH sent and PUBACK received: the PUBACK order is audited
            // from it. A file, not a pipe into this process, so reading it costs the clients nothing.
            .Append($"log_dest file {Path.Combine(directory, "mosquitto.log")}")
            .Append("log_type debug")
            .Append("allow_anonymous true")
            .Append("user root");
        var configPath = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllLinesAsync(configPath, config);

        var process = Process.Start(new ProcessStartInfo(Tools.Find("mosquitto"), ["-c", configPath]) { UseShellExecute = false })!;
        var logPath = Path.Combine(directory, "mosquitto.log");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!File.Exists(logPath) || !File.ReadLines(logPath).Any(line => line.Contains(" running", StringComparison.Ordinal)))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {process.ExitCode}");
            }

            await Task.Delay(50, deadline.Token);
        }

        using var probe = new TcpClient();
        await probe.ConnectAsync(IPAddress.Loopback, port);
        return new BenchBroker(process, port, directory);
    }

    /// <summary>The broker's log so far (mosquitto writes it line by line).</summary>
    public async Task<IReadOnlyList<string>> LogLinesAsync() => await File.ReadAllLinesAsync(Path.Combine(Directory, "mosquitto.log"));

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
