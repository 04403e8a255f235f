using WebKita.Mqtt.Packets;
using WebKita.Mqtt.Publishing;

namespace WebKita.Mqtt.Receiving;

/// <summary>
/// A message delivered to the application. For QoS 1 and 2 the server gets no acknowledgement
/// until <see cref="Acknowledge"/> is called: call it after the work is committed. Messages may be
/// processed and acknowledged concurrently; the acknowledgements still leave in arrival order.
/// </summary>
public sealed class MqttReceivedMessage
{
    private readonly PublishPacket _packet;
    private readonly PendingAcknowledgement? _acknowledgement;

    internal MqttReceivedMessage(PublishPacket packet, PendingAcknowledgement? acknowledgement)
    {
        _packet = packet;
        _acknowledgement = acknowledgement;
    }

    public MqttApplicationMessage Message => _packet.Message;

    public ushort PacketId => _packet.PacketId;

    /// <summary>The server marked this as a possible redelivery (DUP).</summary>
    public bool Duplicate => _packet.Duplicate;

    public IReadOnlyList<uint> SubscriptionIdentifiers => _packet.SubscriptionIdentifiers;

    /// <summary>
    /// Acknowledges the message (PUBACK for QoS 1, PUBREC for QoS 2); a reason code of 0x80 or more
    /// tells the server the message was refused. Thread-safe and idempotent; returns false for QoS 0
    /// and when already acknowledged. After the connection it came on is lost this does nothing and the
    /// server redelivers the message.
    /// </summary>
    public bool Acknowledge(MqttReasonCode reasonCode = MqttReasonCode.Success) =>
        _acknowledgement is not null && _acknowledgement.Owner.Acknowledge(_acknowledgement, reasonCode);
}
