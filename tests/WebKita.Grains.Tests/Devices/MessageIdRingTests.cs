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
    public void Since_SomeSaved_AnswersOnlyTheNewIdsWithTheirSlots()
    {
        var ring = Ring(MessageIdRing.Capacity + 2);

        var ids = ring.Since(MessageIdRing.Capacity);

        ids.Should().Equal(
            (MessageIdRing.Capacity, 0, MessageIdRing.Hash($"m{MessageIdRing.Capacity}")),
            (MessageIdRing.Capacity + 1, 1, MessageIdRing.Hash($"m{MessageIdRing.Capacity + 1}")));
        ring.Since(0).Should().HaveCount(MessageIdRing.Capacity, "ids already dropped are not written");
    }

    [Fact]
    public void Restore_FromSlotsWithLeftovers_HoldsExactlyTheLatestIds()
    {
        var ring = Ring(MessageIdRing.Capacity + 3);
        var slots = ring.Since(0).Select(id => (id.Sequence, id.Hash)).Append((1L, 99UL));

        var restored = MessageIdRing.Restore(ring.Total, slots);

        restored.Total.Should().Be(ring.Total);
        restored.Since(0).Should().Equal(ring.Since(0));
    }

    [Fact]
    public void Restore_SlotMissing_Throws()
    {
        var ring = Ring(5);

        var restore = () => MessageIdRing.Restore(ring.Total, ring.Since(1).Select(id => (id.Sequence, id.Hash)));

        restore.Should().Throw<InvalidOperationException>().WithMessage("*4 of the 5*");
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
        read.Since(0).Should().HaveCount(2);
    }
}
