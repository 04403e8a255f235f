using Microsoft.Data.Sqlite;
using WebKita.Grains.Applications;
using WebKita.Silo.Registration;
using WebKita.Silo.Storage.Sqlite;

namespace WebKita.Silo.Tests.Registration;

/// <summary>
/// What one turn of an offering takes on from the turn before it, which may still be committing.
/// A hot offering decides thousands of turns in one activation, so a turn must carry only what
/// the store cannot answer yet.
/// </summary>
public sealed class OfferingTurnTests : IAsyncLifetime
{
    private static readonly Guid OfferingId = Guid.Parse("0ff00000-0000-4000-8000-0000000000a1");
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"webkita-turn-{Guid.NewGuid():N}.db");
    private SqliteGrainStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteGrainStore($"Data Source={_file}");
        await _store.MigrateAsync(default);
    }

    [Fact]
    public async Task Inherit_TurnsBeforeThePreviousCommitted_KnowsOnlyThePreviousTurnsKeysAndFindsTheOthersInTheStore()
    {
        var first = Turn();
        first.Put(Submitted(1), "key-1");
        await _store.CommitAsync(first.ToChangeSet(), default);

        var second = Turn(version: 1);
        second.Inherit(first);
        second.Put(Submitted(2), "key-2");

        // The second turn's commit is still in flight: only the third turn's memory knows key-2.
        var third = Turn(version: 2);
        third.Inherit(second);

        third.ApplicationWithAlias("key-2").Should().Be(Submitted(2));
        third.ApplicationWithAlias("key-1").Should().BeNull("the first turn committed before the second turn's commit was issued");
        await third.PreloadAliasesAsync(["key-1"], default);
        third.ApplicationWithAlias("key-1").Should().Be(Submitted(1));
    }

    private OfferingTurn Turn(long version = 0) => new(_store, Silos.Tenant, OfferingId, version, null, Silos.Opens);

    private static Application Submitted(int n)
    {
        var child = Silos.Child(n);
        return new(Silos.Tenant, Application.IdFor(Silos.Tenant, OfferingId, child), OfferingId, child, ApplicationStatus.Waitlisted, n, Silos.Opens, Silos.Opens);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }
}
