using System.Threading.Channels;
using WebKita.Mqtt.Packets;
using WebKita.Mqtt.Publishing;
using WebKita.Mqtt.Receiving;
using WebKita.Mqtt.Subscribing;

namespace WebKita.Mqtt.Connecting;

/// <summary>
/// The client's half of the MQTT session, which outlives connections: unacknowledged outgoing
/// publishes, QoS 2 identifiers awaiting PUBREL, granted subscriptions. It also interprets the
/// packets each connection receives.
/// </summary>
internal sealed class MqttSession(MqttClientOptions options, ChannelWriter<MqttReceivedMessage> inbox)
{
    private readonly HashSet<ushort> _awaitingRelease = [];
    private readonly Lock _gate = new();

    public PacketIdentifierPool PacketIds { get; } = new();

    public OutgoingPublishQueue Outgoing => field ??= new OutgoingPublishQueue(PacketIds);

    public SubscriptionRegistry Subscriptions { get; } = new();

    /// <summary>Attaches the session to a new connection and returns the connection's packet handler.</summary>
    public Func<MqttPacket, CancellationToken, ValueTask> Bind(MqttConnection connection, ConnAckPacket connAck)
    {
        if (!connAck.SessionPresent)
        {
            lock (_gate)
            {
                _awaitingRelease.Clear();
            }
        }

        var acknowledgements = new AcknowledgementQueue(connection.TrySend, MarkAwaitingRelease);
        Outgoing.Attach(connection.TrySend, connAck.ReceiveMaximum);
        return (packet, cancellationToken) => OnPacketAsync(connection, acknowledgements, packet, cancellationToken);
    }

    private ValueTask OnPacketAsync(MqttConnection connection, AcknowledgementQueue acknowledgements, MqttPacket packet, CancellationToken cancellationToken)
    {
        switch (packet)
        {
            case PublishPacket publish:
                return DeliverAsync(acknowledgements, publish, cancellationToken);
            case PublishAckPacket { Kind: MqttPacketType.PubAck } pubAck:
                // A PUBACK for an identifier we no longer track belongs to an exchange a reconnect already settled.
                Outgoing.Complete(pubAck);
                break;
            case PublishAckPacket { Kind: MqttPacketType.PubRel } pubRel:
                bool known;
                lock (_gate)
                {
                    known = _awaitingRelease.Remove(pubRel.PacketId);
                }

                connection.TrySend(new PublishAckPacket(MqttPacketType.PubComp, pubRel.PacketId, known ? MqttReasonCode.Success : MqttReasonCode.PacketIdentifierNotFound));
                break;
            case PublishAckPacket other:
                throw MqttProtocolException.ProtocolError($"{other.Kind} for packet {other.PacketId}, but this client never publishes with QoS 2");
            case SubAckPacket subAck:
                connection.CompleteRequest(subAck);
                break;
            case PingPacket { Kind: MqttPacketType.PingResp }:
                break;
            case DisconnectPacket disconnect:
                throw new MqttConnectionException(
                    $"the server disconnected: {disconnect.ReasonCode}{(disconnect.ReasonString is null ? "" : $" ({disconnect.ReasonString})")}",
                    disconnect.ReasonCode);
            default:
                throw MqttProtocolException.ProtocolError($"a server must not send {packet.Type}");
        }

        return ValueTask.CompletedTask;
    }

    private ValueTask DeliverAsync(AcknowledgementQueue acknowledgements, PublishPacket publish, CancellationToken cancellationToken)
    {
        if (publish.TopicAlias is not null)
        {
            throw new MqttProtocolException(MqttReasonCode.TopicAliasInvalid, $"PUBLISH with topic alias {publish.TopicAlias}, but this client allows none");
        }

        if (publish.Message.QualityOfService == MqttQualityOfService.AtMostOnce)
        {
            return Enqueue(new MqttReceivedMessage(publish, null), cancellationToken);
        }

        // MQTT 5.0 says a client that gets more than its Receive Maximum of unacknowledged messages
        // disconnects with 0x93. mosquitto 2.0.11 overshoots it by thousands when it drains a
        // persistent session's queue, so disconnecting would never let that backlog through.
        // Instead the read loop stops reading until the application acknowledges: TCP flow control
        // then holds the broker back, and memory stays bounded by Receive Maximum + 1 packets.
        var room = acknowledgements.WaitForRoomAsync(options.ReceiveMaximum, cancellationToken);
        return room.IsCompletedSuccessfully
            ? DeliverAcknowledgeable(acknowledgements, publish, cancellationToken)
            : DeliverWhenRoomAsync(room, acknowledgements, publish, cancellationToken);
    }

    private async ValueTask DeliverWhenRoomAsync(Task room, AcknowledgementQueue acknowledgements, PublishPacket publish, CancellationToken cancellationToken)
    {
        await room.ConfigureAwait(false);
        await DeliverAcknowledgeable(acknowledgements, publish, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask DeliverAcknowledgeable(AcknowledgementQueue acknowledgements, PublishPacket publish, CancellationToken cancellationToken)
    {
        var acknowledgement = acknowledgements.Enqueue(publish.PacketId, publish.Message.QualityOfService);
        if (publish.Message.QualityOfService == MqttQualityOfService.ExactlyOnce && IsAwaitingRelease(publish.PacketId))
        {
            // Already delivered and PUBREC sent: answer again, deliver once (§4.3.3).
            acknowledgements.Acknowledge(acknowledgement, MqttReasonCode.Success);
            return ValueTask.CompletedTask;
        }

        return Enqueue(new MqttReceivedMessage(publish, acknowledgement), cancellationToken);
    }

    private ValueTask Enqueue(MqttReceivedMessage message, CancellationToken cancellationToken) =>
        inbox.TryWrite(message) ? ValueTask.CompletedTask : inbox.WriteAsync(message, cancellationToken);

    private bool IsAwaitingRelease(ushort packetId)
    {
        lock (_gate)
        {
            return _awaitingRelease.Contains(packetId);
        }
    }

    private void MarkAwaitingRelease(ushort packetId)
    {
        lock (_gate)
        {
            _awaitingRelease.Add(packetId);
        }
    }
}
