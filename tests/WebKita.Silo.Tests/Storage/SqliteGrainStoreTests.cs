using WebKita.Silo.Storage;
using WebKita.Silo.Storage.Sqlite;

namespace WebKita.Silo.Tests.Storage;

public sealed class SqliteGrainStoreTests : GrainStoreContract
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"webkita-store-{Guid.NewGuid():N}.db");

    protected override async Task<IGrainStore> CreateStoreAsync()
    {
        var store = new SqliteGrainStore($"Data Source={_file}");
        await store.MigrateAsync(default);
        return store;
    }

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }
}
