using Npgsql;
using WebKita.Silo.Storage;
using WebKita.Silo.Storage.Postgres;
using WebKita.Testing;

namespace WebKita.Silo.Tests.Storage;

public sealed class PostgresGrainStoreTests : GrainStoreContract
{
    private NpgsqlDataSource? _dataSource;

    protected override async Task<IGrainStore> CreateStoreAsync()
    {
        var server = await PostgresServer.Shared;
        _dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        var store = new PostgresGrainStore(_dataSource);
        await store.MigrateAsync(default);
        return store;
    }

    public override async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }
}
