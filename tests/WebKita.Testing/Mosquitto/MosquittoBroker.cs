using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using WebKita.Mqtt.Connecting;

namespace WebKita.Testing;

/// <summary>
/// A private mosquitto started from the repository's deploy/mosquitto/mosquitto.conf on a free
/// loopback port with its own persistence directory. Ready once it logs "running" and accepts a
/// TCP connection; killed on dispose. <see cref="StartSecuredAsync"/> keeps the project's dynamic
/// security (accounts made by deploy/mosquitto/init-dynsec); <see cref="StartAsync"/> drops it and
/// lets anonymous clients in, for tests of the MQTT client itself.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly StringBuilder _log = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Matches, int Remaining, TaskCompletionSource Seen)> _lineWaiters = [];
    private Process? _process;

    private MosquittoBroker(string directory, int port)
    {
        Directory = directory;
        Port = port;
        ConfigPath = Path.Combine(directory, "mosquitto.conf");
    }

    public string Directory { get; }

    public int Port { get; }

    public string ConfigPath { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Completes once the broker has logged <paramref name="count"/> lines that <paramref name="matches"/>
    /// (lines logged before the call count too); false if <paramref name="timeout"/> passes first.
    /// Woken by each logged line, so nothing polls.
    /// </summary>
    public async Task<bool> WaitForLinesAsync(Func<string, bool> matches, int count, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_log)
        {
            var remaining = count - _lines.Count(matches);
            if (remaining <= 0)
            {
                return true;
            }

            _lineWaiters.Add((matches, remaining, seen));
        }

        try
        {
            await seen.Task.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            lock (_log)
            {
                _lineWaiters.RemoveAll(w => w.Seen == seen);
            }
        }
    }

    /// <summary>The dynamic-security admin of a secured broker.</summary>
    public string AdminUser => "webkita-admin";

    public string AdminPassword { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    /// <summary>The gateway account of a secured broker.</summary>
    public string GatewayUser => "webkita-gateway";

    public string GatewayPassword { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    /// <summary>Anonymous access, no dynamic security: for tests of the MQTT client.</summary>
    public static async Task<MosquittoBroker> StartAsync(string? extraConfig = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("webkita-mosquitto-").FullName;
        var broker = new MosquittoBroker(directory, FreePort());
        await File.WriteAllTextAsync(broker.ConfigPath, DeriveConfig(broker.Port, directory, extraConfig, dynamicSecurityFile: null));
        await broker.RestartAsync();
        return broker;
    }

    /// <summary>The project's config as shipped: no anonymous clients, accounts from deploy/mosquitto/init-dynsec.</summary>
    public static async Task<MosquittoBroker> StartSecuredAsync(string? extraConfig = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("webkita-mosquitto-").FullName;
        var broker = new MosquittoBroker(directory, FreePort());
        var dynamicSecurityFile = Path.Combine(directory, "dynamic-security.json");
        var init = await Command.RunAsync(
            Path.Combine(Path.GetDirectoryName(RepositoryConfigPath())!, "init-dynsec"),
            [dynamicSecurityFile],
            StartTimeout,
            environment: new Dictionary<string, string?>
            {
                ["WEBKITA_BROKER_ADMIN_PASSWORD"] = broker.AdminPassword,
                ["WEBKITA_BROKER_GATEWAY_PASSWORD"] = broker.GatewayPassword,
            });
        if (init.ExitCode != 0)
        {
            throw new InvalidOperationException($"init-dynsec failed with {init.ExitCode}: {init.Output}");
        }

        await File.WriteAllTextAsync(broker.ConfigPath, DeriveConfig(broker.Port, directory, extraConfig, dynamicSecurityFile));
        await broker.RestartAsync();
        return broker;
    }

    public MqttConnectionOptions ClientOptions(string clientId) => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        ClientId = clientId,
        Reconnect = new MqttReconnectOptions { InitialDelay = TimeSpan.FromMilliseconds(20), MaximumDelay = TimeSpan.FromMilliseconds(500), JitterSeed = 42 },
    };

    /// <summary>Starts the broker (again) with the same port, config and persistence directory.</summary>
    public async Task RestartAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("the broker is still running");
        }

        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(FindOnPath("mosquitto"), ["-c", ConfigPath])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            },
            EnableRaisingEvents = true,
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }

            lock (_log)
            {
                _log.AppendLine(line.Data);
                _lines.Add(line.Data);
                CountForWaiters(line.Data);
            }

            if (line.Data.Contains(" running", StringComparison.Ordinal))
            {
                running.TrySetResult();
            }
        };
        process.Exited += (_, _) => running.TrySetException(new InvalidOperationException($"mosquitto exited with {process.ExitCode}:\n{Log}"));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;
        await running.Task.WaitAsync(StartTimeout);
        using var probe = new TcpClient();
        await probe.ConnectAsync(IPAddress.Loopback, Port).WaitAsync(StartTimeout);
    }

    /// <summary>SIGTERM: mosquitto saves its sessions and queues, then exits.</summary>
    public Task StopAsync() => SignalAndWaitAsync("TERM");

    /// <summary>SIGKILL: nothing since the last autosave is kept.</summary>
    public Task KillAsync() => SignalAndWaitAsync("KILL");

    public Task PauseAsync() => SignalAsync("STOP");

    public Task ResumeAsync() => SignalAsync("CONT");

    /// <summary>Called under the log's lock with each new line.</summary>
    private void CountForWaiters(string line)
    {
        for (var i = 0; i < _lineWaiters.Count; i++)
        {
            var (matches, remaining, seen) = _lineWaiters[i];
            if (matches(line) && --remaining == 0)
            {
                seen.TrySetResult();
            }

            _lineWaiters[i] = (matches, remaining, seen);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            await SignalAsync("CONT");
            process.Kill();
            await process.WaitForExitAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private async Task SignalAndWaitAsync(string signal)
    {
        var process = _process ?? throw new InvalidOperationException("not started");
        await SignalAsync(signal);
        await process.WaitForExitAsync().WaitAsync(StartTimeout);
    }

    private async Task SignalAsync(string signal)
    {
        var process = _process ?? throw new InvalidOperationException("not started");
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} failed with {kill.ExitCode}");
        }
    }

    private static string DeriveConfig(int port, string directory, string? extraConfig, string? dynamicSecurityFile)
    {
        string[] replaced = dynamicSecurityFile is null
            ? ["listener ", "persistence_location ", "log_dest ", "user ", "plugin", "allow_anonymous "]
            : ["listener ", "persistence_location ", "log_dest ", "user ", "plugin_opt_config_file "];
        string[] access = dynamicSecurityFile is null ? ["allow_anonymous true"] : [$"plugin_opt_config_file {dynamicSecurityFile}"];
        var lines = File.ReadAllLines(RepositoryConfigPath())
            .Where(line => !replaced.Any(prefix => line.StartsWith(prefix, StringComparison.Ordinal)))
            .Append($"listener {port} 127.0.0.1")
            .Append($"persistence_location {directory}/")
            .Append("log_dest stderr")
            .Concat(access)
            .Append("user root");
        return string.Join('\n', lines) + "\n" + (extraConfig ?? "") + "\n";
    }

    public static string RepositoryConfigPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "deploy", "mosquitto", "mosquitto.conf");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("deploy/mosquitto/mosquitto.conf not found above " + AppContext.BaseDirectory);
    }

    public static string FindOnPath(string program)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/usr/bin");
        return path.Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"'{program}' is not installed: run scripts/install-deps (apt-get install -y mosquitto mosquitto-clients)");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
