namespace WebKita.Mqtt.Packets;

/// <summary>PINGREQ or PINGRESP; they have no body.</summary>
public sealed record PingPacket : MqttPacket
{
    public static readonly PingPacket Request = new(MqttPacketType.PingReq);
    public static readonly PingPacket Response = new(MqttPacketType.PingResp);

    private PingPacket(MqttPacketType kind)
    {
        Kind = kind;
    }

    public override MqttPacketType Type => Kind;

    public MqttPacketType Kind { get; }
}
