using Npgsql;
using WebKita.IotGateway.Ingestion;
using WebKita.Silo.Storage.Postgres;
using WebKita.Testing;

namespace WebKita.Gateway.Tests.Support;

/// <summary>A fresh PostgreSQL database for one test, and what the gateway committed to it.</summary>
public sealed class IngestionStore : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    private IngestionStore(string connectionString)
    {
        ConnectionString = connectionString;
        _dataSource = NpgsqlDataSource.Create(connectionString);
        Store = new PostgresGrainStore(_dataSource);
    }

    public string ConnectionString { get; }

    public PostgresGrainStore Store { get; }

    public static async Task<IngestionStore> CreateAsync()
    {
        var server = await PostgresServer.Shared;
        var store = new IngestionStore(await server.CreateDatabaseAsync());
        await store.Store.MigrateAsync(default);
        return store;
    }

    /// <summary>The (device, message id) pairs the marker sink committed.</summary>
    public async Task<IReadOnlyList<string>> MarkersAsync()
    {
        var grains = await Store.ListAsync(MarkerSink.Tenant, MarkerSink.Kind, null, default);
        return [.. grains.Select(g =>
        {
            using var state = System.Text.Json.JsonDocument.Parse(g.State);
            return $"{state.RootElement.GetProperty("device").GetString()}/{state.RootElement.GetProperty("messageId").GetString()}";
        })];
    }

    public async Task<long> MarkerCountAsync()
    {
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM grains WHERE tenant = $1 AND kind = $2");
        command.Parameters.Add(new() { Value = MarkerSink.Tenant });
        command.Parameters.Add(new() { Value = MarkerSink.Kind });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every dead letter, any tenant, oldest first: (reason, topic).</summary>
    public async Task<IReadOnlyList<(string Reason, string Topic)>> DeadLettersAsync()
    {
        await using var command = _dataSource.CreateCommand("SELECT reason, topic FROM dead_letters ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync();
        var letters = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            letters.Add((reader.GetString(0), reader.GetString(1)));
        }

        return letters;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking every few milliseconds; throws after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(25, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{what} did not happen within {timeout}");
            }
        }
    }

    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync();
}
