using MQTTnet;
using WebKita.Mqtt.Receiving;

namespace WebKita.Mqtt.Tests.Client;

/// <summary>The ordering layer alone: what it hands to its sender, in which order, and when.</summary>
public sealed class AcknowledgementQueueTests
{
    private readonly List<(int Id, MqttApplicationMessageReceivedReasonCode Code)> _sent = [];
    private readonly TaskCompletionSource _sendGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sending;
    private bool _overlapped;

    private AcknowledgementQueue NewQueue(bool gated = false) => new(async (entry, cancellationToken) =>
    {
        if (Interlocked.Increment(ref _sending) > 1)
        {
            _overlapped = true;
        }

        if (gated)
        {
            await _sendGate.Task.WaitAsync(cancellationToken);
        }

        await Task.Yield();
        lock (_sent)
        {
            _sent.Add(((int)entry.Delivery!, entry.ReasonCode));
        }

        Interlocked.Decrement(ref _sending);
    });

    private List<(int Id, MqttApplicationMessageReceivedReasonCode Code)> Sent()
    {
        lock (_sent)
        {
            return [.. _sent];
        }
    }

    [Fact]
    public async Task Acknowledge_OutOfOrder_SendsInArrivalOrderOnceThePrefixIsDone()
    {
        var queue = NewQueue();
        var first = queue.Enqueue(10)!;
        var second = queue.Enqueue(11)!;
        var third = queue.Enqueue(12)!;

        queue.Acknowledge(third, MqttApplicationMessageReceivedReasonCode.Success).Should().BeTrue();
        queue.Acknowledge(second, MqttApplicationMessageReceivedReasonCode.PayloadFormatInvalid).Should().BeTrue();
        Sent().Should().BeEmpty();
        queue.Acknowledge(first, MqttApplicationMessageReceivedReasonCode.Success).Should().BeTrue();
        await queue.CloseAsync(flush: true);

        Sent().Should().Equal(
            (10, MqttApplicationMessageReceivedReasonCode.Success),
            (11, MqttApplicationMessageReceivedReasonCode.PayloadFormatInvalid),
            (12, MqttApplicationMessageReceivedReasonCode.Success));
    }

    [Fact]
    public async Task Acknowledge_ManyThreadsInRandomOrder_SentInArrivalOrderOneAtATime()
    {
        const int Count = 5_000;
        var queue = NewQueue();
        var entries = Enumerable.Range(0, Count).Select(i => queue.Enqueue(i)!).ToArray();
        var shuffled = entries.OrderBy(_ => Random.Shared.Next()).ToArray();

        await Parallel.ForEachAsync(shuffled, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (entry, _) =>
        {
            queue.Acknowledge(entry, MqttApplicationMessageReceivedReasonCode.Success);
            return ValueTask.CompletedTask;
        });
        await queue.CloseAsync(flush: true);

        Sent().Select(s => s.Id).Should().Equal(Enumerable.Range(0, Count));
        _overlapped.Should().BeFalse("each send is awaited before the next starts");
        queue.Held.Should().Be(0);
    }

    [Fact]
    public async Task Acknowledge_Twice_SecondCallDoesNothing()
    {
        var queue = NewQueue();
        var entry = queue.Enqueue(1)!;

        queue.Acknowledge(entry, MqttApplicationMessageReceivedReasonCode.Success).Should().BeTrue();
        queue.Acknowledge(entry, MqttApplicationMessageReceivedReasonCode.Success).Should().BeFalse();
        await queue.CloseAsync(flush: true);

        Sent().Should().ContainSingle();
    }

    [Fact]
    public async Task Acknowledge_AfterTheConnectionClosed_NothingSentAndNothingAccepted()
    {
        var queue = NewQueue();
        var entry = queue.Enqueue(1)!;

        await queue.CloseAsync(flush: false);

        queue.Acknowledge(entry, MqttApplicationMessageReceivedReasonCode.Success).Should().BeFalse();
        queue.Enqueue(2).Should().BeNull();
        Sent().Should().BeEmpty();
    }

    [Fact]
    public async Task WaitForRoom_WindowFull_CompletesOnlyWhenTheHeadsAcknowledgementIsSent()
    {
        var queue = NewQueue(gated: true);
        var first = queue.Enqueue(1)!;
        var second = queue.Enqueue(2)!;

        var room = queue.WaitForRoomAsync(2);
        queue.Acknowledge(second, MqttApplicationMessageReceivedReasonCode.Success);
        room.IsCompleted.Should().BeFalse("the second cannot be sent before the first");
        queue.Acknowledge(first, MqttApplicationMessageReceivedReasonCode.Success);
        room.IsCompleted.Should().BeFalse("acknowledged but not yet sent: still held");
        _sendGate.SetResult();
        await room.WaitAsync(TestTimeouts.Default);

        await queue.CloseAsync(flush: true);
        queue.Held.Should().Be(0);
        Sent().Select(s => s.Id).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Send_Fails_QueueClosesWakesTheWaiterAndReportsTheFailure()
    {
        var failure = new ObjectDisposedException("socket");
        var reported = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = new AcknowledgementQueue((_, _) => Task.FromException(failure), e => reported.TrySetResult(e));
        var entry = queue.Enqueue(1)!;
        var room = queue.WaitForRoomAsync(1);

        queue.Acknowledge(entry, MqttApplicationMessageReceivedReasonCode.Success);
        await room.WaitAsync(TestTimeouts.Default);

        queue.IsClosed.Should().BeTrue();
        queue.Enqueue(2).Should().BeNull();
        (await reported.Task.WaitAsync(TestTimeouts.Default)).Should().BeSameAs(failure, "the connection's owner must learn that it can no longer acknowledge");
    }
}
