using WebKita.Grains.Devices;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Tests.Storage;

/// <summary>The message id chunks beside a grain: written with its change set, overwritten in place, read per grain.</summary>
public abstract partial class GrainStoreContract
{
    private static ulong[] Hashes(ulong first) => [.. Enumerable.Range(0, MessageIdRing.ChunkSize).Select(i => first + (ulong)i)];

    [Fact]
    public async Task ReadMessageIdsAsync_ChunksWrittenThenOverwritten_ReturnsLatestPerChunkOfThatGrainOnly()
    {
        var device = Key(1);
        var other = Key(2);
        await Commit(new ChangeSet([Write(device, 0, "v1"), Write(other, 0, "w1")], [], [], [], MessageIds:
        [
            new MessageIdChunk(device, 0, 64, Hashes(ulong.MaxValue - 63)), new MessageIdChunk(device, 1, 128, Hashes(1)), new MessageIdChunk(other, 0, 64, Hashes(42)),
        ]));

        await Commit(new ChangeSet([Write(device, 1, "v2")], [], [], [], MessageIds: [new MessageIdChunk(device, 0, 1024 + 64, Hashes(7))]));

        var chunks = await Store.ReadMessageIdsAsync(Tenant, Kind, [device.Id], default);
        chunks.Should().BeEquivalentTo([new MessageIdChunk(device, 0, 1024 + 64, Hashes(7)), new MessageIdChunk(device, 1, 128, Hashes(1))]);
        (await Store.ReadMessageIdsAsync("kreis-b", Kind, [device.Id], default)).Should().BeEmpty();
    }

    [Fact]
    public async Task CommitAsync_StaleWriteWithChunks_CommitsNoChunk()
    {
        var device = Key(1);
        await Commit(Write(device, 0, "v1"));

        var stale = () => Commit(new ChangeSet([Write(device, 0, "again")], [], [], [], MessageIds: [new MessageIdChunk(device, 0, 3, Hashes(7))]));

        await stale.Should().ThrowAsync<StaleWriteException>();
        (await Store.ReadMessageIdsAsync(Tenant, Kind, [device.Id], default)).Should().BeEmpty();
    }
}
