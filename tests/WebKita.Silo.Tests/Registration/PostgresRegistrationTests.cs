using Npgsql;
using WebKita.Silo.Storage;
using WebKita.Testing;

namespace WebKita.Silo.Tests.Registration;

public sealed class PostgresRegistrationTests : RegistrationGuarantees
{
    private NpgsqlDataSource? _dataSource;

    protected override async Task<IGrainStore> CreateStoreAsync()
    {
        var store = Silos.Postgres(await (await PostgresServer.Shared).CreateDatabaseAsync(), out _dataSource);
        await store.MigrateAsync(default);
        return store;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }
}
