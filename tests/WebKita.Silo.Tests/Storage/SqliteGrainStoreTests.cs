using Microsoft.Data.Sqlite;
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

    [Fact]
    public async Task MigrateAsync_FileFromBeforeClaimants_AddsTheColumnsOnceAndKeepsRemindersAndEvents()
    {
        var file = Path.Combine(Path.GetTempPath(), $"webkita-old-{Guid.NewGuid():N}.db");
        try
        {
            await using (var old = new SqliteConnection($"Data Source={file}"))
            {
                await old.OpenAsync();
                await using var create = old.CreateCommand();
                create.CommandText = $"""
                    CREATE TABLE reminders (tenant TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
                        due_at INTEGER NOT NULL, claimed_until INTEGER NULL, PRIMARY KEY (tenant, kind, id, name));
                    INSERT INTO reminders VALUES ('{Key(1).Tenant}', '{Key(1).Kind}', '{Key(1).Id}', 'opens', {T0.UtcTicks}, {(T0 + Lease).UtcTicks});
                    CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, tenant TEXT NOT NULL, type TEXT NOT NULL, grain_id TEXT NOT NULL,
                        occurred_at INTEGER NOT NULL, payload TEXT NOT NULL, claimed_until INTEGER NULL, dispatched_at INTEGER NULL);
                    INSERT INTO outbox (tenant, type, grain_id, occurred_at, payload) VALUES ('{Key(1).Tenant}', 'x.created', '{Key(1).Id}', {T0.UtcTicks}, '"one"');
                    """;
                await create.ExecuteNonQueryAsync();
            }

            var store = new SqliteGrainStore($"Data Source={file}");
            await store.MigrateAsync(default);
            await store.MigrateAsync(default);

            (await store.ListRemindersAsync(Key(1), default)).Should().Equal(new Reminder(Key(1), "opens", T0));
            (await store.ClaimDueRemindersAsync(T0, Lease, 10, new Claimant("b", []), default)).Should().BeEmpty("the old lease still holds");
            (await store.ClaimDueRemindersAsync(T0.AddMinutes(2), Lease, 10, new Claimant("b", []), default)).Should().ContainSingle();
            (await store.ClaimOutboxAsync(T0, Lease, 10, new Claimant("b", []), default)).Should().ContainSingle().Which.Type.Should().Be("x.created");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
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
