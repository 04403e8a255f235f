using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Grains.Devices;
using WebKita.Silo.Cluster;
using WebKita.Silo.Devices;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;
using WebKita.Testing;

namespace WebKita.Gateway.Tests.Support;

/// <summary>
/// A fresh PostgreSQL database with the domain's services on it and an Orleans silo, which the
/// gateway processes' silos join (no reminder or outbox loops): registers devices the way the admin api will, and reads back what the
/// gateway process committed.
/// </summary>
public sealed class SueDomain : IAsyncDisposable
{
    public static readonly TenantId Tenant = new("kreis-gw");
    private static readonly Guid SchoolId = Guid.Parse("5c0a0000-0000-4000-8000-0000000000c1");
    private static readonly Guid BuildingId = Guid.Parse("b0000000-0000-4000-8000-0000000000c1");
    private static readonly Actor Admin = new(Guid.Parse("ad000000-0000-4000-8000-0000000000c1"), Role.CountyAdmin);
    private readonly IHost _host;
    private readonly NpgsqlDataSource _dataSource;

    private SueDomain(string connectionString, IHost host)
    {
        ConnectionString = connectionString;
        _host = host;
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }

    public IGrainStore Store => _host.Services.GetRequiredService<IGrainStore>();

    /// <summary>On <paramref name="server"/>, or the tests' shared PostgreSQL.</summary>
    public static async Task<SueDomain> CreateAsync(PostgresServer? server = null)
    {
        var connectionString = await (server ?? await PostgresServer.Shared).CreateDatabaseAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:Store"] = "Postgres",
            ["Silo:ConnectionString"] = connectionString,
        }).Build();
        var host = SiloHost.CreateBuilder(configuration, TimeProvider.System, runsLoops: false).Build();
        await host.StartAsync();
        var domain = new SueDomain(connectionString, host);
        await domain.NotifyCommitsAsync();
        return domain;
    }

    /// <summary>
    /// Every statement that writes devices or dead letters, in any process, notifies on
    /// <see cref="CommitChannel"/> when its transaction commits: <see cref="EventuallyAsync"/> checks again then.
    /// </summary>
    private async Task NotifyCommitsAsync()
    {
        await using var command = _dataSource.CreateCommand(
            $$"""
            CREATE FUNCTION notify_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('{{CommitChannel}}', ''); RETURN NULL; END $$;
            CREATE TRIGGER notify_commit AFTER INSERT OR UPDATE ON grains FOR EACH STATEMENT EXECUTE FUNCTION notify_commit();
            CREATE TRIGGER notify_commit AFTER INSERT ON dead_letters FOR EACH STATEMENT EXECUTE FUNCTION notify_commit();
            """);
        await command.ExecuteNonQueryAsync();
    }

    private const string CommitChannel = "committed";

    public async Task RegisterAsync(string deviceId, DeviceKind kind, params Measurement[] measurements)
    {
        var device = Device.Register(Tenant, deviceId, SchoolId, BuildingId, "A1.12", kind, measurements, null, DateTimeOffset.UtcNow).Value!;
        var outcome = await _host.Services.GetRequiredService<DeviceRegistry>().RegisterAsync(device, Admin, default);
        outcome.Refusal.Should().BeNull();
    }

    /// <summary>The device as stored now, read past every cache.</summary>
    public async Task<Device> DeviceAsync(string deviceId) =>
        (await _host.Services.GetRequiredService<DeviceRegistry>().FindAsync(Tenant, deviceId, default))!;

    /// <summary>How many telemetry messages the devices' stored states hold as applied (ids their rings ever took).</summary>
    public async Task<int> AppliedAsync(IEnumerable<string> deviceIds)
    {
        var total = 0;
        foreach (var id in deviceIds)
        {
            total += (int)(await DeviceAsync(id)).Recent.Total;
        }

        return total;
    }

    /// <summary>Every dead letter, any tenant, oldest first.</summary>
    public async Task<IReadOnlyList<(string? Tenant, string Reason, string Topic)>> DeadLettersAsync()
    {
        await using var command = _dataSource.CreateCommand("SELECT tenant, reason, topic FROM dead_letters ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync();
        var letters = new List<(string?, string, string)>();
        while (await reader.ReadAsync())
        {
            letters.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return letters;
    }

    /// <summary>After a PostgreSQL restart: drops this helper's idle connections, which died with the server.</summary>
    public void ForgetDeadConnections() => _dataSource.Clear();

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, checking it again after each commit to the
    /// devices or the dead letters (a notification, no polling); throws after <paramref name="timeout"/>.
    /// An unavailable store counts as "not yet" (pooled connections that died with a restarted
    /// server fail once each).
    /// </summary>
    public async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            // Listening before the first check: a commit in between is not missed.
            await using var listener = await _dataSource.OpenConnectionAsync(deadline.Token);
            await using (var listen = new NpgsqlCommand($"LISTEN {CommitChannel}", listener))
            {
                await listen.ExecuteNonQueryAsync(deadline.Token);
            }

            while (!await Holds(condition))
            {
                await listener.WaitAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"{what} did not happen within {timeout}");
        }
    }

    private static async Task<bool> Holds(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (StoreUnavailableException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAndDisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
