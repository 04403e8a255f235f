using WebKita.Mqtt.Packets;
using WebKita.Mqtt.Receiving;

namespace WebKita.Mqtt.Tests.Client;

public sealed class AcknowledgementQueueTests
{
    private readonly List<PublishAckPacket> _sent = [];
    private readonly List<ushort> _awaitingRelease = [];

    private AcknowledgementQueue NewQueue() => new(
        packet =>
        {
            _sent.Add((PublishAckPacket)packet);
            return true;
        },
        _awaitingRelease.Add);

    [Fact]
    public void Acknowledge_OutOfOrder_SendsInArrivalOrderOnceThePrefixIsDone()
    {
        var queue = NewQueue();
        var first = queue.Enqueue(10, MqttQualityOfService.AtLeastOnce);
        var second = queue.Enqueue(11, MqttQualityOfService.AtLeastOnce);
        var third = queue.Enqueue(12, MqttQualityOfService.ExactlyOnce);

        queue.Acknowledge(third, MqttReasonCode.Success).Should().BeTrue();
        queue.Acknowledge(second, MqttReasonCode.ImplementationSpecificError).Should().BeTrue();
        _sent.Should().BeEmpty();

        queue.Acknowledge(first, MqttReasonCode.Success).Should().BeTrue();

        _sent.Select(p => (p.Kind, p.PacketId, p.ReasonCode)).Should().Equal(
            (MqttPacketType.PubAck, (ushort)10, MqttReasonCode.Success),
            (MqttPacketType.PubAck, (ushort)11, MqttReasonCode.ImplementationSpecificError),
            (MqttPacketType.PubRec, (ushort)12, MqttReasonCode.Success));
        _awaitingRelease.Should().Equal(12);
        queue.Count.Should().Be(0);
    }

    [Fact]
    public void Acknowledge_Twice_SecondCallDoesNothing()
    {
        var queue = NewQueue();
        var entry = queue.Enqueue(1, MqttQualityOfService.AtLeastOnce);

        queue.Acknowledge(entry, MqttReasonCode.Success).Should().BeTrue();
        queue.Acknowledge(entry, MqttReasonCode.Success).Should().BeFalse();

        _sent.Should().ContainSingle();
    }

    [Fact]
    public async Task Acknowledge_ConcurrentlyFromManyThreadsInRandomOrder_SendsEveryAckOnceInArrivalOrder()
    {
        var queue = NewQueue();
        var entries = Enumerable.Range(1, 20_000).Select(i => queue.Enqueue((ushort)(i % 65535 + 1), MqttQualityOfService.AtLeastOnce)).ToArray();
        var shuffled = entries.ToArray();
        new Random(3).Shuffle(shuffled);

        await Parallel.ForEachAsync(shuffled, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (entry, _) =>
        {
            queue.Acknowledge(entry, MqttReasonCode.Success);
            return ValueTask.CompletedTask;
        });

        _sent.Select(p => p.PacketId).Should().Equal(entries.Select(e => e.PacketId));
    }

    [Fact]
    public async Task WaitForRoomAsync_AtLimit_CompletesWhenTheHeadIsAcknowledged()
    {
        var queue = NewQueue();
        var first = queue.Enqueue(1, MqttQualityOfService.AtLeastOnce);
        var second = queue.Enqueue(2, MqttQualityOfService.AtLeastOnce);
        queue.WaitForRoomAsync(3, CancellationToken.None).IsCompletedSuccessfully.Should().BeTrue();

        var room = queue.WaitForRoomAsync(2, CancellationToken.None);
        room.IsCompleted.Should().BeFalse();
        queue.Acknowledge(second, MqttReasonCode.Success);
        room.IsCompleted.Should().BeFalse("the second cannot leave before the first");
        queue.Acknowledge(first, MqttReasonCode.Success);

        await room.WaitAsync(TestTimeouts.Default);
        queue.Count.Should().Be(0);
    }
}
