namespace WebKita.Mqtt.Packets;

/// <summary>PUBACK, PUBREC, PUBREL or PUBCOMP: they share one layout (§3.4–3.7).</summary>
public sealed record PublishAckPacket : MqttPacket
{
    public PublishAckPacket(MqttPacketType kind, ushort packetId, MqttReasonCode reasonCode = MqttReasonCode.Success)
    {
        if (kind is not (MqttPacketType.PubAck or MqttPacketType.PubRec or MqttPacketType.PubRel or MqttPacketType.PubComp))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "PUBACK, PUBREC, PUBREL or PUBCOMP expected");
        }

        Kind = kind;
        PacketId = packetId;
        ReasonCode = reasonCode;
    }

    public override MqttPacketType Type => Kind;

    public MqttPacketType Kind { get; }

    public ushort PacketId { get; init; }

    public MqttReasonCode ReasonCode { get; init; }

    public string? ReasonString { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
