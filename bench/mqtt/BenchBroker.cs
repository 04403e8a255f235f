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
            .Append("log_dest stderr")
            .Append("allow_anonymous true")
            .Append("user root");
        var configPath = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllLinesAsync(configPath, config);

        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(Tools.Find("mosquitto"), ["-c", configPath]) { RedirectStandardError = true, UseShellExecute = false },
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data?.Contains(" running", StringComparison.Ordinal) == true)
            {
                running.TrySetResult();
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        await running.Task.WaitAsync(TimeSpan.FromSeconds(15));
        using var probe = new TcpClient();
        await probe.ConnectAsync(IPAddress.Loopback, port);
        return new BenchBroker(process, port, directory);
    }

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
