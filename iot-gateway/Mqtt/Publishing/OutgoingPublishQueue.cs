using WebKita.Mqtt.Connecting;
using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt.Publishing;

/// <summary>
/// Session state for outgoing QoS 1 publishes. At most the server's Receive Maximum are in flight
/// on a connection; the rest wait in order. When a connection is lost every unacknowledged publish
/// is sent again, in the original order and with DUP set, on the next one (§4.4). Thread-safe.
/// </summary>
internal sealed class OutgoingPublishQueue(PacketIdentifierPool packetIds)
{
    private readonly LinkedList<OutgoingPublish> _inOrder = new();
    private readonly Dictionary<ushort, OutgoingPublish> _byPacketId = [];
    private readonly Queue<OutgoingPublish> _unsent = new();
    private readonly Lock _gate = new();
    private Func<MqttPacket, bool>? _send;
    private int _receiveMaximum;
    private int _inFlight;

    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    public async Task<MqttPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entry = new OutgoingPublish(new PublishPacket { Message = message, PacketId = packetIds.Rent() });
        lock (_gate)
        {
            entry.Node = _inOrder.AddLast(entry);
            _byPacketId.Add(entry.Packet.PacketId, entry);
            _unsent.Enqueue(entry);
            PumpLocked();
        }

        // Cancelling stops the wait; a publish already on the wire keeps its identifier until its PUBACK arrives.
        using var registration = cancellationToken.Register(() => Withdraw(entry));
        return await entry.Completion.Task.ConfigureAwait(false);
    }

    public void Attach(Func<MqttPacket, bool> send, int receiveMaximum)
    {
        lock (_gate)
        {
            _send = send;
            _receiveMaximum = receiveMaximum;
            _inFlight = 0;
            _unsent.Clear();
            foreach (var entry in _inOrder)
            {
                entry.InFlight = false;
                _unsent.Enqueue(entry);
            }

            PumpLocked();
        }
    }

    public void Detach()
    {
        lock (_gate)
        {
            _send = null;
            _inFlight = 0;
        }
    }

    /// <summary>Returns false for a PUBACK that matches nothing we sent.</summary>
    public bool Complete(PublishAckPacket ack)
    {
        lock (_gate)
        {
            if (!_byPacketId.TryGetValue(ack.PacketId, out var entry) || !entry.InFlight)
            {
                return false;
            }

            RemoveLocked(entry);
            entry.Completion.TrySetResult(new MqttPublishResult(ack.ReasonCode, ack.ReasonString) { UserProperties = ack.UserProperties });
            PumpLocked();
            return true;
        }
    }

    public void FailAll(Exception reason)
    {
        lock (_gate)
        {
            foreach (var entry in _inOrder.ToList())
            {
                RemoveLocked(entry);
                entry.Completion.TrySetException(reason);
            }
        }
    }

    private void Withdraw(OutgoingPublish entry)
    {
        lock (_gate)
        {
            if (!entry.EverSent && !entry.Removed)
            {
                RemoveLocked(entry);
            }
        }

        entry.Completion.TrySetCanceled();
    }

    private void RemoveLocked(OutgoingPublish entry)
    {
        if (entry.Removed)
        {
            return;
        }

        entry.Removed = true;
        _inOrder.Remove(entry.Node!);
        _byPacketId.Remove(entry.Packet.PacketId);
        if (entry.InFlight)
        {
            entry.InFlight = false;
            _inFlight--;
        }

        packetIds.Release(entry.Packet.PacketId);
    }

    private void PumpLocked()
    {
        while (_send is not null && _inFlight < _receiveMaximum && _unsent.TryDequeue(out var entry))
        {
            if (entry.Removed)
            {
                continue;
            }

            var packet = entry.EverSent ? entry.Packet with { Duplicate = true } : entry.Packet;
            if (!_send(packet))
            {
                // The connection is closing; the entry is resent on the next one.
                return;
            }

            entry.EverSent = true;
            entry.InFlight = true;
            _inFlight++;
        }
    }
}
