using System.Text.Json;
using WebKita.Grains.Devices;

namespace WebKita.Grains.Tests.Devices;

public sealed class MessageIdRingTests
{
    private static MessageIdRing Ring(int count) =>
        Enumerable.Range(0, count).Aggregate(MessageIdRing.Empty, (ring, n) => ring.Add($"m{n}"));

    [Fact]
    public void Add_BeyondCapacity_KeepsTheLatestAndCountsEveryId()
    {
        var ring = Ring(MessageIdRing.Capacity + 10);

        ring.Count.Should().Be(MessageIdRing.Capacity);
        ring.Total.Should().Be(MessageIdRing.Capacity + 10);
        ring.Contains("m9").Should().BeFalse();
        ring.Contains("m10").Should().BeTrue();
        ring.Contains($"m{MessageIdRing.Capacity + 9}").Should().BeTrue();
    }

    [Fact]
    public void ForTurn_AddsInPlaceAsTheImmutableRingWould_AndLeavesItsOriginAsItWas()
    {
        var origin = Ring(MessageIdRing.Capacity + 40);
        var savedChunks = origin.ChunksSince(0).Select(c => c.Hashes.ToArray()).ToList();
        var turn = origin.ForTurn();
        var expected = origin;

        for (var n = MessageIdRing.Capacity + 40; n < MessageIdRing.Capacity + 200; n++)
        {
            turn.Add($"m{n}").Should().BeSameAs(turn);
            expected = expected.Add($"m{n}");
        }

        turn.Add("m1000").Should().BeSameAs(turn, "a member changes nothing");
        turn.Freeze().Should().BeSameAs(turn);
        var afterFreeze = turn.Add("after");

        turn.Total.Should().Be(expected.Total);
        turn.ChunksSince(0).Select(c => c.Hashes).Should().BeEquivalentTo(expected.ChunksSince(0).Select(c => c.Hashes), o => o.WithStrictOrdering());
        origin.Total.Should().Be(MessageIdRing.Capacity + 40);
        origin.ChunksSince(0).Select(c => c.Hashes).Should().BeEquivalentTo(savedChunks, o => o.WithStrictOrdering(), "the turn copied every chunk it wrote to");
        afterFreeze.Should().NotBeSameAs(turn, "a frozen ring copies again");
        turn.Contains("after").Should().BeFalse();
    }

    [Fact]
    public void ChunksSince_SomeSaved_AnswersTheChunksTheNewIdsFellInto()
    {
        var ring = Ring(MessageIdRing.Capacity + 70);

        ring.ChunksSince(MessageIdRing.Capacity + 60).Select(c => c.Chunk).Should().Equal(0, 1);
        ring.ChunksSince(MessageIdRing.Capacity + 64).Select(c => c.Chunk).Should().Equal(1);
        ring.ChunksSince(ring.Total).Should().BeEmpty();
        ring.ChunksSince(0).Select(c => c.Chunk).Should().BeEquivalentTo(Enumerable.Range(0, 16), "ids already dropped are not written, and each chunk once");
        ring.ChunksSince(MessageIdRing.Capacity + 69).Single().Hashes[5].Should().Be(MessageIdRing.Hash($"m{MessageIdRing.Capacity + 69}"));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(64)]
    [InlineData(MessageIdRing.Capacity)]
    [InlineData(MessageIdRing.Capacity + 3)]
    [InlineData((3 * MessageIdRing.Capacity) + 100)]
    public void Restore_FromChunksSavedOverManyCommits_HoldsExactlyTheLatestIds(int count)
    {
        // Saved as the shard saves: after every few ids, the chunks those ids fell into, at the ring's total then.
        var stored = new Dictionary<int, (long Total, ulong[] Hashes)>();
        var ring = MessageIdRing.Empty;
        for (var n = 0; n < count; n++)
        {
            var saved = ring.Total;
            ring = ring.Add($"m{n}");
            if (n % 7 == 6 || n == count - 1)
            {
                foreach (var (chunk, hashes) in ring.ChunksSince(saved - (n % 7)))
                {
                    stored[chunk] = (ring.Total, hashes);
                }
            }
        }

        var restored = MessageIdRing.Restore(ring.Total, stored.Select(c => (c.Key, c.Value.Total, c.Value.Hashes)));

        restored.Total.Should().Be(ring.Total);
        restored.Count.Should().Be(Math.Min(count, MessageIdRing.Capacity));
        restored.Contains($"m{count - 1}").Should().BeTrue();
        restored.Contains($"m{Math.Max(0, count - MessageIdRing.Capacity)}").Should().BeTrue();
        if (count > MessageIdRing.Capacity)
        {
            restored.Contains($"m{count - MessageIdRing.Capacity - 1}").Should().BeFalse();
        }
    }

    [Fact]
    public void Restore_ChunkMissing_Throws()
    {
        var ring = Ring(70);

        var restore = () => MessageIdRing.Restore(ring.Total, ring.ChunksSince(64).Select(c => (c.Chunk, ring.Total, c.Hashes)));

        restore.Should().Throw<InvalidOperationException>().WithMessage("*6 of the 70*");
    }

    [Fact]
    public void SequenceAt_BeforeAndAfterTheRingWraps_TheLatestOnTheSlot()
    {
        MessageIdRing.SequenceAt(3, 10).Should().Be(3);
        MessageIdRing.SequenceAt(12, 10).Should().BeNegative("no id fell on the slot yet");
        MessageIdRing.SequenceAt(3, MessageIdRing.Capacity + 10).Should().Be(MessageIdRing.Capacity + 3);
        MessageIdRing.SequenceAt(12, MessageIdRing.Capacity + 10).Should().Be(12);
    }

    [Fact]
    public void Json_WritesOnlyTheTotal_AndTheReadRingAnswersNothingUntilRestored()
    {
        var json = JsonSerializer.Serialize(Ring(3));
        var read = JsonSerializer.Deserialize<MessageIdRing>(json)!;

        json.Should().Be("3");
        read.Total.Should().Be(3);
        read.HoldsAll.Should().BeFalse();
        read.Invoking(r => r.Contains("m1")).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Json_OlderFormWithAllHashes_ReadsWholeRing()
    {
        var hashes = new[] { "a", "b" }.SelectMany(id => BitConverter.GetBytes(MessageIdRing.Hash(id))).ToArray();

        var read = JsonSerializer.Deserialize<MessageIdRing>(JsonSerializer.Serialize(Convert.ToBase64String(hashes)))!;

        read.HoldsAll.Should().BeTrue();
        read.Contains("b").Should().BeTrue();
        read.ChunksSince(0).Single().Hashes.Take(2).Should().Equal(MessageIdRing.Hash("a"), MessageIdRing.Hash("b"));
    }
}
