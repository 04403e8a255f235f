using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

namespace WebKita.Testing;

/// <summary>
/// A private PostgreSQL cluster owned by the tests: its own data directory under the temp
/// directory, its own free loopback port, trust authentication, fsync on. Started as user
/// postgres when the tests run as root, since PostgreSQL refuses to run as root.
/// Methods are not meant to be called concurrently with each other, except
/// <see cref="CreateDatabaseAsync"/>, which is thread-safe.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private const string PostgresUser = "postgres";
    private const string RunUser = "/usr/sbin/runuser";
    private const int PortAttempts = 3;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(StartSharedAsync);

    private readonly bool _asPostgresUser;
    private readonly string _pgCtl;
    private PostgresWatchdog? _watchdog;
    private bool _disposed;

    private PostgresServer(string binDirectory, string rootDirectory, bool asPostgresUser)
    {
        BinDirectory = binDirectory;
        RootDirectory = rootDirectory;
        _asPostgresUser = asPostgresUser;
        _pgCtl = Path.Combine(binDirectory, "pg_ctl");
    }

    /// <summary>
    /// One cluster per test process, started on first use and stopped and deleted when the
    /// process exits. Test classes share it and each creates its own databases.
    /// </summary>
    public static Task<PostgresServer> Shared => SharedServer.Value;

    /// <summary>Where initdb, pg_ctl, psql and pgbench of this cluster's version live.</summary>
    public string BinDirectory { get; }

    /// <summary>The temp directory holding the data directory, the unix socket and the server log.</summary>
    public string RootDirectory { get; }

    public string DataDirectory => Path.Combine(RootDirectory, "data");

    public string LogFile => Path.Combine(RootDirectory, "server.log");

    public int Port { get; private set; }

    /// <summary>The <c>postgres</c> database as user <c>postgres</c> over loopback TCP.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    /// <summary>Initializes a fresh cluster and starts it; throws with initdb's or the server's log when that fails.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var binDirectory = await PostgresBinaries.FindAsync(cancellationToken).ConfigureAwait(false);
        var root = Path.Combine(Path.GetTempPath(), $"webkita-pg-{Guid.NewGuid():N}");
        var server = new PostgresServer(binDirectory, root, Environment.IsPrivilegedProcess);
        try
        {
            await server.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await server.StartOnFreePortAsync(cancellationToken).ConfigureAwait(false);
            server._watchdog = PostgresWatchdog.Start(server.DataDirectory, server.RootDirectory, server.PgCtlCommand);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Connection string to database <paramref name="database"/> of this cluster.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = PostgresUser,
            Database = database,
            IncludeErrorDetail = true,
            Timeout = 30,
        }.ConnectionString;

    /// <summary>
    /// Creates an empty database (a unique name unless <paramref name="name"/> is given:
    /// lower-case letters, digits and underscores) and returns a connection string to it.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        name ??= $"test_{Guid.NewGuid():N}";
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException(
                $"Database name '{name}' must match {DatabaseName()}.", nameof(name));
        }

        var connection = new NpgsqlConnection(ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await using (create.ConfigureAwait(false))
            {
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        return ConnectionStringFor(name);
    }

    /// <summary>
    /// Stops the server cleanly (<c>pg_ctl stop -m fast</c>: open sessions are disconnected,
    /// everything committed is on disk). Pooled Npgsql connections go stale; call
    /// <see cref="NpgsqlConnection.ClearAllPools"/> or expect one failed attempt per connection.
    /// Does nothing when the server is not running.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            return;
        }
        var result = await PgCtlAsync(["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"pg_ctl stop of the cluster in {DataDirectory} on port {Port} exited {result.ExitCode}:\n{result.Output}\n{ReadLog()}");
        }
    }

    /// <summary>Starts the server again on the same data directory and port, after <see cref="StopAsync"/> or <see cref="KillAsync"/>.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken = default) =>
        StartOnPortAsync(Port, cancellationToken);

    /// <summary>
    /// SIGKILL to the postmaster and every backend at once, as in a crash of the machine's
    /// database processes (the OS page cache survives). The next start runs crash recovery.
    /// </summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var postmaster))
        {
            return;
        }
        // Stopped first, the postmaster can fork no backend between the listing and the kill.
        var processes = ProcessTable.KillTree(postmaster);
        var deadline = Stopwatch.StartNew();
        while (processes.Any(ProcessTable.IsAlive))
        {
            if (deadline.Elapsed > ReadyTimeout)
            {
                throw new TimeoutException($"PostgreSQL processes {string.Join(", ", processes)} outlived SIGKILL by {ReadyTimeout}.");
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
        // A dead postmaster that nobody reaped yet stays a zombie whose pid still answers
        // kill(pid, 0), which makes the next start refuse its lock files. Orphaned backends
        // are excluded by the server's own shared memory check, not by these files.
        File.Delete(pidFile);
        File.Delete(Path.Combine(RootDirectory, $".s.PGSQL.{Port}.lock"));
    }

    /// <summary>The server log so far, for assertion messages.</summary>
    public string ReadLog() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no server log)";

    /// <summary>Stops the server (killing it if a clean stop fails) and deletes its directory. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            await KillAsync().ConfigureAwait(false);
        }
        finally
        {
            _watchdog?.Dismiss();
        }
        if (Directory.Exists(RootDirectory))
        {
            Directory.Delete(RootDirectory, recursive: true);
        }
    }

    private static async Task<PostgresServer> StartSharedAsync()
    {
        var server = await StartAsync().ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(RootDirectory);
        if (_asPostgresUser)
        {
            var chown = await Command.RunAsync("chown", [$"{PostgresUser}:{PostgresUser}", RootDirectory], CommandTimeout, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            EnsureSucceeded("chown", chown);
        }

        // --no-sync only skips initdb's own flush of the template files; the running server
        // fsyncs as configured.
        var initdb = await RunAsPostgresAsync(
            Path.Combine(BinDirectory, "initdb"),
            ["-D", DataDirectory, "-U", PostgresUser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
            cancellationToken).ConfigureAwait(false);
        EnsureSucceeded("initdb", initdb);

        File.AppendAllText(
            Path.Combine(DataDirectory, "postgresql.conf"),
            $"""

            # WebKita test cluster
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{RootDirectory}'
            fsync = on
            max_connections = 200
            shared_buffers = 128MB
            include = 'port.conf'

            """);
    }

    private async Task StartOnFreePortAsync(CancellationToken cancellationToken)
    {
        // FreePort.Next only says the port was free; a test process beside this one may bind
        // it first, so a failed bind is retried on another port.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnPortAsync(FreePort.Next(), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (PostgresStartException exception) when (exception.PortInUse && attempt < PortAttempts)
            {
                File.Delete(LogFile);
            }
        }
    }

    private async Task StartOnPortAsync(int port, CancellationToken cancellationToken)
    {
        Port = port;
        File.WriteAllText(Path.Combine(DataDirectory, "port.conf"), $"port = {port}\n");
        var result = await PgCtlAsync(
            ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", ((int)ReadyTimeout.TotalSeconds).ToString(), "-s"],
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var log = ReadLog();
            throw new PostgresStartException(
                $"PostgreSQL in {DataDirectory} failed to start on port {port}: pg_ctl exited {result.ExitCode}.\n{result.Output}\nServer log:\n{log}",
                portInUse: log.Contains("could not bind", StringComparison.Ordinal));
        }
        await WaitUntilAcceptingAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        // pg_ctl -w already waited for the postmaster to report ready; this confirms that a
        // client gets through over TCP, which is what the tests use.
        var deadline = Stopwatch.StartNew();
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
        while (true)
        {
            try
            {
                var connection = new NpgsqlConnection(connectionString);
                await using (connection.ConfigureAwait(false))
                {
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException && deadline.Elapsed < ReadyTimeout)
            {
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                throw new PostgresStartException(
                    $"PostgreSQL on port {Port} accepted no connection within {ReadyTimeout}: {exception.Message}\nServer log:\n{ReadLog()}",
                    portInUse: false);
            }
        }
    }

    private Task<ProcessResult> PgCtlAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsPostgresAsync(_pgCtl, arguments, cancellationToken);

    private static void EnsureSucceeded(string program, ProcessResult result)
    {
        if (!result.Succeeded)
        {
            throw new PostgresStartException($"{program} exited {result.ExitCode}:\n{result.Output}", portInUse: false);
        }
    }

    /// <summary>pg_ctl, prefixed with runuser when it must run as user postgres.</summary>
    private IReadOnlyList<string> PgCtlCommand =>
        _asPostgresUser ? [RunUser, "-u", PostgresUser, "--", _pgCtl] : [_pgCtl];

    private Task<ProcessResult> RunAsPostgresAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> command = _asPostgresUser ? ["-u", PostgresUser, "--", program, .. arguments] : arguments;
        // The working directory must be one that user postgres may enter; messages in C so
        // that the start failure check can read them.
        return Command.RunAsync(
            _asPostgresUser ? RunUser : program,
            command,
            CommandTimeout,
            RootDirectory,
            new Dictionary<string, string?> { ["LC_ALL"] = "C", ["LANG"] = "C" },
            cancellationToken);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
