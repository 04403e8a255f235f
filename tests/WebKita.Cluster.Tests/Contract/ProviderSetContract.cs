using Orleans.Storage;
using WebKita.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace WebKita.Cluster.Tests.Contract;

/// <summary>
/// What every provider set promises, checked against a real silo on a real store: state
/// round-trips with an ETag that catches a stale writer, state names and look-alike keys stay
/// apart, and state and reminders survive a restart of the whole cluster.
/// </summary>
public abstract class ProviderSetContract(IProviderSetStore store, ITestOutputHelper output)
{
    private static readonly GrainId Grain = GrainId.Create("counter", "7");

    [Fact]
    public async Task WriteState_ThenRead_RoundTripsWithNewETag()
    {
        await using var silo = await StartAsync(await store.CreateAsync());
        var written = new GrainState<Counter>(new Counter(1, "ä ß €"));

        await silo.Storage.WriteStateAsync("counter", Grain, written);
        var read = new GrainState<Counter>();
        await silo.Storage.ReadStateAsync("counter", Grain, read);

        read.State.Should().Be(new Counter(1, "ä ß €"));
        read.RecordExists.Should().BeTrue();
        read.ETag.Should().NotBeNull().And.Be(written.ETag);
    }

    [Fact]
    public async Task WriteState_StaleETag_ThrowsInconsistentState()
    {
        await using var silo = await StartAsync(await store.CreateAsync());
        var first = new GrainState<Counter>(new Counter(1, "first"));
        await silo.Storage.WriteStateAsync("counter", Grain, first);
        var stale = new GrainState<Counter>(new Counter(2, "stale")) { ETag = first.ETag };
        await silo.Storage.WriteStateAsync("counter", Grain, first);

        var write = () => silo.Storage.WriteStateAsync("counter", Grain, stale);

        await write.Should().ThrowAsync<InconsistentStateException>();
        var read = new GrainState<Counter>();
        await silo.Storage.ReadStateAsync("counter", Grain, read);
        read.State.Should().Be(new Counter(1, "first"));
    }

    [Fact]
    public async Task WriteState_NewStateWhereOneExists_ThrowsInconsistentState()
    {
        await using var silo = await StartAsync(await store.CreateAsync());
        await silo.Storage.WriteStateAsync("counter", Grain, new GrainState<Counter>(new Counter(1, "first")));

        var write = () => silo.Storage.WriteStateAsync("counter", Grain, new GrainState<Counter>(new Counter(2, "blind")));

        await write.Should().ThrowAsync<InconsistentStateException>();
    }

    [Fact]
    public async Task ClearState_ThenRead_NoRecordAndStaleWriterConflicts()
    {
        await using var silo = await StartAsync(await store.CreateAsync());
        var state = new GrainState<Counter>(new Counter(1, "kept"));
        await silo.Storage.WriteStateAsync("counter", Grain, state);
        var beforeClear = new GrainState<Counter>(new Counter(9, "late")) { ETag = state.ETag };

        await silo.Storage.ClearStateAsync("counter", Grain, state);
        var read = new GrainState<Counter>();
        await silo.Storage.ReadStateAsync("counter", Grain, read);

        // Providers differ in what they put in an empty state (null or a fresh instance); never the old one.
        read.RecordExists.Should().BeFalse();
        read.State.Should().NotBe(new Counter(1, "kept"));
        var late = () => silo.Storage.WriteStateAsync("counter", Grain, beforeClear);
        await late.Should().ThrowAsync<InconsistentStateException>();
    }

    [Fact]
    public async Task WriteState_TwoStateNamesOnOneGrain_KeptApart()
    {
        await using var silo = await StartAsync(await store.CreateAsync());

        await silo.Storage.WriteStateAsync("offering", Grain, new GrainState<Counter>(new Counter(1, "offering")));
        await silo.Storage.WriteStateAsync("applications", Grain, new GrainState<Counter>(new Counter(2, "applications")));

        (await ReadAsync(silo, "offering", Grain)).Should().Be(new Counter(1, "offering"));
        (await ReadAsync(silo, "applications", Grain)).Should().Be(new Counter(2, "applications"));
    }

    [Fact]
    public async Task WriteState_NumericLookingStringKeys_KeptApart()
    {
        await using var silo = await StartAsync(await store.CreateAsync());
        GrainId[] grains = [GrainId.Create("counter", "7"), GrainId.Create("counter", "007"), GrainId.Create("counter", "7.0"), GrainId.Create("other", "7")];

        for (var i = 0; i < grains.Length; i++)
        {
            await silo.Storage.WriteStateAsync("counter", grains[i], new GrainState<Counter>(new Counter(i, grains[i].ToString())));
        }

        for (var i = 0; i < grains.Length; i++)
        {
            (await ReadAsync(silo, "counter", grains[i])).Should().Be(new Counter(i, grains[i].ToString()));
        }
    }

    [Fact]
    public async Task Reminders_UpsertReadRemove_FollowTheirETags()
    {
        await using var silo = await StartAsync(await store.CreateAsync());
        var entry = Reminder(Grain, "registration-opens");

        var first = await silo.Reminders.UpsertRow(entry);
        var second = await silo.Reminders.UpsertRow(entry);
        var read = await silo.Reminders.ReadRow(Grain, "registration-opens");

        second.Should().NotBe(first);
        read.Should().NotBeNull();
        read!.ETag.Should().Be(second);
        read.StartAt.Should().Be(entry.StartAt);
        read.Period.Should().Be(entry.Period);
        (await silo.Reminders.RemoveRow(Grain, "registration-opens", first!)).Should().BeFalse("the ETag is stale");
        (await silo.Reminders.RemoveRow(Grain, "registration-opens", second!)).Should().BeTrue();
        (await silo.Reminders.ReadRow(Grain, "registration-opens")).Should().BeNull();
    }

    [Fact]
    public async Task Reminders_ReadByRingRange_FindEachGrainInExactlyOneHalf()
    {
        await using var silo = await StartAsync(await store.CreateAsync());
        var grains = Enumerable.Range(0, 20).Select(i => GrainId.Create("counter", $"g{i}")).ToList();
        foreach (var grain in grains)
        {
            await silo.Reminders.UpsertRow(Reminder(grain, "tick"));
        }

        var lower = await silo.Reminders.ReadRows(uint.MaxValue / 2, 0);
        var upper = await silo.Reminders.ReadRows(0, uint.MaxValue / 2);
        var whole = await silo.Reminders.ReadRows(5, 5);

        lower.Reminders.Select(r => r.GrainId).Concat(upper.Reminders.Select(r => r.GrainId)).Should().BeEquivalentTo(grains);
        whole.Reminders.Should().HaveCount(20);
    }

    [Fact]
    public async Task StateAndReminders_FullClusterRestart_Survive()
    {
        var settings = await store.CreateAsync();
        await using (var before = await StartAsync(settings))
        {
            await before.Storage.WriteStateAsync("counter", Grain, new GrainState<Counter>(new Counter(3, "before restart")));
            await before.Reminders.UpsertRow(Reminder(Grain, "offers-expire"));
        }

        await using var after = await StartAsync(settings);

        (await ReadAsync(after, "counter", Grain)).Should().Be(new Counter(3, "before restart"));
        (await after.Reminders.ReadRows(Grain)).Reminders.Select(r => r.ReminderName).Should().Equal("offers-expire");
    }

    protected async Task<SiloHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var silo = await SiloHost.StartAsync(settings);
        output.WriteLine($"silo started in {silo.StartTime.TotalMilliseconds:F0} ms");
        return silo;
    }

    private static async Task<Counter?> ReadAsync(SiloHost silo, string stateName, GrainId grain)
    {
        var state = new GrainState<Counter>();
        await silo.Storage.ReadStateAsync(stateName, grain, state);
        return state.State;
    }

    private static ReminderEntry Reminder(GrainId grain, string name) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2027, 3, 1, 7, 0, 0, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(5),
    };
}
