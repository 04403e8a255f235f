using WebKita.Silo.Storage;

namespace WebKita.Silo.Tests.Storage;

/// <summary>The message id slots beside a grain: written with its change set, overwritten in place, read per grain.</summary>
public abstract partial class GrainStoreContract
{
    [Fact]
    public async Task ReadMessageIdsAsync_SlotsWrittenThenOverwritten_ReturnsLatestPerSlotOfThatGrainOnly()
    {
        var device = Key(1);
        var other = Key(2);
        await Commit(new ChangeSet([Write(device, 0, "v1"), Write(other, 0, "w1")], [], [], [], MessageIds:
        [
            new MessageIdSlot(device, 0, 0, -5), new MessageIdSlot(device, 1, 1, long.MaxValue), new MessageIdSlot(other, 0, 0, 42),
        ]));

        await Commit(new ChangeSet([Write(device, 1, "v2")], [], [], [], MessageIds: [new MessageIdSlot(device, 0, 1024, long.MinValue)]));

        var slots = await Store.ReadMessageIdsAsync(Tenant, Kind, [device.Id], default);
        slots.Should().BeEquivalentTo([new MessageIdSlot(device, 0, 1024, long.MinValue), new MessageIdSlot(device, 1, 1, long.MaxValue)]);
        (await Store.ReadMessageIdsAsync("kreis-b", Kind, [device.Id], default)).Should().BeEmpty();
    }

    [Fact]
    public async Task CommitAsync_StaleWriteWithSlots_CommitsNoSlot()
    {
        var device = Key(1);
        await Commit(Write(device, 0, "v1"));

        var stale = () => Commit(new ChangeSet([Write(device, 0, "again")], [], [], [], MessageIds: [new MessageIdSlot(device, 3, 3, 7)]));

        await stale.Should().ThrowAsync<StaleWriteException>();
        (await Store.ReadMessageIdsAsync(Tenant, Kind, [device.Id], default)).Should().BeEmpty();
    }
}
