using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt.Receiving;

/// <summary>
/// Keeps PUBACK/PUBREC in the order the PUBLISH packets arrived (MQTT 5.0 §4.6) while the
/// application acknowledges in any order from any thread: an acknowledgement only marks its
/// entry, and entries leave from the head once everything before them is acknowledged.
/// Sending happens under the lock, so two threads cannot interleave their runs out of order.
/// One queue per network connection: acknowledging a message from a lost connection does nothing,
/// because the server redelivers it on the next one.
/// </summary>
internal sealed class AcknowledgementQueue(Func<MqttPacket, bool> send, Action<ushort> onPubRecSent)
{
    private readonly Queue<PendingAcknowledgement> _pending = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource? _roomWaiter;
    private int _roomLimit;

    /// <summary>Entries not yet sent, which is at most the number of QoS 1/2 messages the server has in flight with us.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Completes once fewer than <paramref name="limit"/> entries are pending. One waiter at a time (the read loop).</summary>
    public Task WaitForRoomAsync(int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_pending.Count < limit)
            {
                return Task.CompletedTask;
            }

            _roomLimit = limit;
            _roomWaiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _roomWaiter.Task.WaitAsync(cancellationToken);
        }
    }

    public PendingAcknowledgement Enqueue(ushort packetId, MqttQualityOfService qos)
    {
        var kind = qos == MqttQualityOfService.ExactlyOnce ? MqttPacketType.PubRec : MqttPacketType.PubAck;
        var entry = new PendingAcknowledgement(this, packetId, kind);
        lock (_gate)
        {
            _pending.Enqueue(entry);
        }

        return entry;
    }

    /// <summary>Returns false if the entry was already acknowledged. Idempotent and thread-safe.</summary>
    public bool Acknowledge(PendingAcknowledgement entry, MqttReasonCode reasonCode)
    {
        lock (_gate)
        {
            if (entry.Acknowledged)
            {
                return false;
            }

            entry.Acknowledged = true;
            entry.ReasonCode = reasonCode;
            while (_pending.TryPeek(out var head) && head.Acknowledged)
            {
                _pending.Dequeue();
                if (head.Kind == MqttPacketType.PubRec && head.ReasonCode < MqttReasonCode.UnspecifiedError)
                {
                    onPubRecSent(head.PacketId);
                }

                send(new PublishAckPacket(head.Kind, head.PacketId, head.ReasonCode));
            }

            if (_roomWaiter is not null && _pending.Count < _roomLimit)
            {
                _roomWaiter.TrySetResult();
                _roomWaiter = null;
            }

            return true;
        }
    }
}
