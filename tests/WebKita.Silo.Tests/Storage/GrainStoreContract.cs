using System.Text.Json;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Tests.Storage;

/// <summary>
/// What every <see cref="IGrainStore"/> promises. Each store runs this suite through a subclass,
/// so the embedded and the production store cannot drift apart. Grain state here; the outbox
/// and reminders in the other parts of this class.
/// </summary>
public abstract partial class GrainStoreContract : IAsyncLifetime
{
    private const string Tenant = "kreis-a";
    private const string Kind = "offering";
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    protected static readonly Claimant Me = new("silo-a", []);

    protected IGrainStore Store { get; private set; } = null!;

    /// <summary>A migrated store on empty storage of its own.</summary>
    protected abstract Task<IGrainStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CommitAsync_InsertWithVersionZero_StoresVersionOne()
    {
        var key = Key(1);

        await Commit(Write(key, 0, "a"));

        var stored = await Store.ReadAsync(key, default);
        stored!.Key.Should().Be(key);
        stored.Version.Should().Be(1);
        Value(stored.State).Should().Be("a");
    }

    [Fact]
    public async Task CommitAsync_UpdateWithCurrentVersion_StoresNextVersion()
    {
        var key = Key(1);
        await Commit(Write(key, 0, "a"));

        await Commit(Write(key, 1, "b"));
        await Commit(Write(key, 2, "c"));

        var stored = await Store.ReadAsync(key, default);
        stored!.Version.Should().Be(3);
        Value(stored.State).Should().Be("c");
    }

    [Fact]
    public async Task CommitAsync_StaleUpdate_ThrowsAndCommitsNothingOfTheChangeSet()
    {
        var stale = Key(9);
        var fired = new Reminder(stale, "fired", T0);
        await Commit(new ChangeSet([Write(stale, 0, "v1")], [], [fired], []));
        await Commit(Write(stale, 1, "v2"));
        var fresh = new GrainKey(Tenant, "application", Id(1));
        var set = new Reminder(stale, "set", T0.AddHours(1));

        // The new grain sorts and is listed first, so the stale write fails after it was sent.
        var changes = new ChangeSet(
            [Write(fresh, 0, "new", parent: stale.Id, alias: "alias-1"), Write(stale, 1, "lost")],
            [Event("lost.event", stale.Id)],
            [set],
            [fired]);
        var commit = () => Store.CommitAsync(changes, default);

        var thrown = await commit.Should().ThrowAsync<StaleWriteException>();
        thrown.Which.Key.Should().Be(stale);
        thrown.Which.ExpectedVersion.Should().Be(1);
        var stored = await Store.ReadAsync(stale, default);
        stored!.Version.Should().Be(2);
        Value(stored.State).Should().Be("v2");
        (await Store.ReadAsync(fresh, default)).Should().BeNull();
        (await Store.ReadByAliasAsync(Tenant, "application", "alias-1", default)).Should().BeNull();
        (await Store.ReadEventsAsync(Tenant, stale.Id, default)).Should().BeEmpty();
        (await Store.ListRemindersAsync(stale, default)).Should().Equal(fired);
    }

    [Fact]
    public async Task CommitAsync_InsertOfExistingKey_ThrowsStaleAndKeepsState()
    {
        var key = Key(1);
        await Commit(Write(key, 0, "first"));

        var insertAgain = () => Commit(Write(key, 0, "second"));

        (await insertAgain.Should().ThrowAsync<StaleWriteException>()).Which.ExpectedVersion.Should().Be(0);
        var stored = await Store.ReadAsync(key, default);
        stored!.Version.Should().Be(1);
        Value(stored.State).Should().Be("first");
    }

    [Fact]
    public async Task CommitAsync_UpdateOfMissingKey_ThrowsStale()
    {
        var update = () => Commit(Write(Key(1), 1, "nothing to update"));

        await update.Should().ThrowAsync<StaleWriteException>();
        (await Store.ReadAsync(Key(1), default)).Should().BeNull();
    }

    [Fact]
    public async Task CommitAsync_ManyGrainsInOneSet_AllVersionsAdvanceTogether()
    {
        await Commit(new ChangeSet([.. Enumerable.Range(1, 50).Select(n => Write(Key(n), 0, $"s{n}"))], [], [], []));

        await Commit(new ChangeSet([.. Enumerable.Range(1, 50).Select(n => Write(Key(n), 1, $"t{n}"))], [], [], []));

        var stored = await Store.ReadManyAsync(Tenant, Kind, [.. Enumerable.Range(1, 50).Select(Id)], default);
        stored.Should().HaveCount(50).And.OnlyContain(s => s.Version == 2);
        stored.Select(s => Value(s.State)).Should().BeEquivalentTo(Enumerable.Range(1, 50).Select(n => $"t{n}"));
    }

    [Fact]
    public async Task CommitAsync_ThousandsOfWritesAndEvents_AllLandTogether()
    {
        // More rows than one statement takes (the allocation run writes a whole round at once).
        var ids = Enumerable.Range(1, 2_500).ToList();
        await Commit(new ChangeSet([.. ids.Select(n => Write(Key(n), 0, $"s{n}"))], [], [], []));

        await Commit(new ChangeSet([.. ids.Select(n => Write(Key(n), 1, $"t{n}"))], [.. ids.Select(n => Event($"e{n}", Id(n)))], [], []));

        var stored = await Store.ListAsync(Tenant, Kind, null, default);
        stored.Should().HaveCount(2_500).And.OnlyContain(s => s.Version == 2);
        stored.Select(s => Value(s.State)).Should().Equal(ids.Select(n => $"t{n}"));
        (await Store.ReadEventsAsync(Tenant, Id(2_345), default)).Select(e => e.Type).Should().Equal("e2345");
    }

    [Fact]
    public async Task CommitAsync_OneStaleWriteAmongThousands_ThrowsAndCommitsNothing()
    {
        var ids = Enumerable.Range(1, 2_500).ToList();
        await Commit(new ChangeSet([.. ids.Select(n => Write(Key(n), 0, $"s{n}"))], [], [], []));
        await Commit(Write(Key(2_400), 1, "moved on"));

        // The stale row comes after the first couple of thousand, which were sent and written already.
        var commit = () => Commit(new ChangeSet([.. ids.Select(n => Write(Key(n), 1, $"lost{n}"))], [.. ids.Select(n => Event($"lost{n}", Id(n)))], [], []));

        await commit.Should().ThrowAsync<StaleWriteException>();
        var stored = await Store.ListAsync(Tenant, Kind, null, default);
        stored.Where(s => s.Key != Key(2_400)).Should().HaveCount(2_499).And.OnlyContain(s => s.Version == 1 && !Value(s.State).StartsWith("lost", StringComparison.Ordinal));
        (await Store.ReadEventsAsync(Tenant, Id(1), default)).Should().BeEmpty();
        (await Store.ReadEventsAsync(Tenant, Id(2_500), default)).Should().BeEmpty();
    }

    [Fact]
    public async Task ReadManyAsync_KnownAndUnknownIds_ReturnsOnlyStoredOfThatKind()
    {
        await Commit(new ChangeSet([Write(Key(1), 0, "a"), Write(Key(2), 0, "b"), Write(new GrainKey(Tenant, "school", Id(3)), 0, "school")], [], [], []));

        var stored = await Store.ReadManyAsync(Tenant, Kind, [Id(1), Id(2), Id(3), Id(4)], default);

        stored.Select(s => s.Key).Should().BeEquivalentTo([Key(1), Key(2)]);
        (await Store.ReadManyAsync(Tenant, Kind, [], default)).Should().BeEmpty();
    }

    [Fact]
    public async Task ReadByAliasAsync_AliasOfStoredGrain_FindsItAndKeepsFirstOwner()
    {
        await Commit(Write(Key(1), 0, "a", alias: "idem-1"));
        await Commit(Write(Key(2), 0, "b", alias: "idem-1"));

        (await Store.ReadByAliasAsync(Tenant, Kind, "idem-1", default))!.Key.Should().Be(Key(1));
        (await Store.ReadAsync(Key(2), default))!.Version.Should().Be(1, "a taken alias must not fail the rest of its commit");
        (await Store.ReadByAliasAsync(Tenant, Kind, "idem-2", default)).Should().BeNull();
        (await Store.ReadByAliasAsync(Tenant, "application", "idem-1", default)).Should().BeNull();
    }

    [Fact]
    public async Task ListAsync_ParentFilter_ReturnsOnlyThatParentsGrainsOrderedById()
    {
        var parentA = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000000");
        var parentB = Guid.Parse("bbbbbbbb-0000-4000-8000-000000000000");
        await Commit(new ChangeSet(
            [
                Write(Key(3), 0, "a3", parent: parentA),
                Write(Key(1), 0, "a1", parent: parentA),
                Write(Key(2), 0, "b2", parent: parentB),
                Write(Key(4), 0, "none"),
                Write(new GrainKey(Tenant, "school", Id(5)), 0, "other kind", parent: parentA),
            ],
            [], [], []));

        (await Store.ListAsync(Tenant, Kind, parentA, default)).Select(s => s.Key).Should().Equal(Key(1), Key(3));
        (await Store.ListAsync(Tenant, Kind, parentB, default)).Select(s => s.Key).Should().Equal(Key(2));
        (await Store.ListAsync(Tenant, Kind, null, default)).Select(s => s.Key).Should().Equal(Key(1), Key(2), Key(3), Key(4));
        (await Store.ListAsync(Tenant, Kind, Guid.NewGuid(), default)).Should().BeEmpty();
    }

    [Fact]
    public async Task Reads_SameKindAndIdInTwoTenants_NeverCross()
    {
        var a = new GrainKey("kreis-a", Kind, Id(1));
        var b = new GrainKey("kreis-b", Kind, Id(1));
        var parent = Id(99);
        await Commit(new ChangeSet(
            [Write(a, 0, "in a", parent: parent, alias: "same-alias")],
            [new OutboxEntry("kreis-a", "a.happened", Id(1), T0, Payload("a"))],
            [], []));
        await Commit(new ChangeSet(
            [Write(b, 0, "in b", parent: parent, alias: "same-alias")],
            [new OutboxEntry("kreis-b", "b.happened", Id(1), T0, Payload("b"))],
            [], []));

        Value((await Store.ReadAsync(a, default))!.State).Should().Be("in a");
        Value((await Store.ReadAsync(b, default))!.State).Should().Be("in b");
        (await Store.ReadManyAsync("kreis-b", Kind, [Id(1)], default)).Select(s => Value(s.State)).Should().Equal("in b");
        (await Store.ReadByAliasAsync("kreis-a", Kind, "same-alias", default))!.Key.Should().Be(a);
        (await Store.ReadByAliasAsync("kreis-b", Kind, "same-alias", default))!.Key.Should().Be(b);
        (await Store.ListAsync("kreis-a", Kind, parent, default)).Select(s => s.Key).Should().Equal(a);
        (await Store.ListAsync("kreis-c", Kind, null, default)).Should().BeEmpty();
        (await Store.ReadEventsAsync("kreis-a", Id(1), default)).Select(e => e.Type).Should().Equal("a.happened");
        (await Store.ReadEventsAsync("kreis-b", Id(1), default)).Select(e => e.Type).Should().Equal("b.happened");
    }

    [Fact]
    public async Task MigrateAsync_Again_KeepsData()
    {
        await Commit(Write(Key(1), 0, "a"));

        await Store.MigrateAsync(default);

        (await Store.ReadAsync(Key(1), default))!.Version.Should().Be(1);
        (await Store.IsReachableAsync(default)).Should().BeTrue();
    }

    private static Guid Id(int n) => Guid.Parse($"00000000-0000-4000-8000-{n:D12}");

    protected static GrainKey Key(int n) => new(Tenant, Kind, Id(n));

    private static string State(string value) => JsonSerializer.Serialize(new { value });

    private static string Payload(string value) => State(value);

    protected static string Value(string json) => JsonDocument.Parse(json).RootElement.GetProperty("value").GetString()!;

    protected static GrainWrite Write(GrainKey key, long expectedVersion, string value, Guid? parent = null, string? alias = null) =>
        new(key, expectedVersion, State(value), parent, alias);

    private static OutboxEntry Event(string type, Guid grain) => new(Tenant, type, grain, T0, Payload(type));

    protected Task Commit(GrainWrite write) => Store.CommitAsync(new ChangeSet([write], [], [], []), default);

    private Task Commit(ChangeSet changes) => Store.CommitAsync(changes, default);
}
