using Microsoft.Data.Sqlite;
using WebKita.Silo.Storage;
using WebKita.Silo.Storage.Sqlite;

namespace WebKita.Silo.Tests.Registration;

public sealed class SqliteRegistrationTests : RegistrationGuarantees
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"webkita-silo-{Guid.NewGuid():N}.db");

    protected override async Task<IGrainStore> CreateStoreAsync()
    {
        var store = new SqliteGrainStore($"Data Source={_file}");
        await store.MigrateAsync(default);
        return store;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }
    }
}
