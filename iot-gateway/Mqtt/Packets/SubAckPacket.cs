namespace WebKita.Mqtt.Packets;

/// <summary>SUBACK or UNSUBACK: a reason code per topic filter, in request order.</summary>
public sealed record SubAckPacket : MqttPacket
{
    public SubAckPacket(MqttPacketType kind, ushort packetId, IReadOnlyList<MqttReasonCode> reasonCodes)
    {
        if (kind is not (MqttPacketType.SubAck or MqttPacketType.UnsubAck))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "SUBACK or UNSUBACK expected");
        }

        Kind = kind;
        PacketId = packetId;
        ReasonCodes = reasonCodes;
    }

    public override MqttPacketType Type => Kind;

    public MqttPacketType Kind { get; }

    public ushort PacketId { get; init; }

    public IReadOnlyList<MqttReasonCode> ReasonCodes { get; init; }

    public string? ReasonString { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
