using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt.Receiving;

/// <summary>The PUBACK or PUBREC owed for one received PUBLISH; guarded by its queue's lock.</summary>
internal sealed class PendingAcknowledgement(AcknowledgementQueue owner, ushort packetId, MqttPacketType kind)
{
    public AcknowledgementQueue Owner { get; } = owner;

    public ushort PacketId { get; } = packetId;

    public MqttPacketType Kind { get; } = kind;

    public MqttReasonCode ReasonCode { get; set; }

    public bool Acknowledged { get; set; }
}
