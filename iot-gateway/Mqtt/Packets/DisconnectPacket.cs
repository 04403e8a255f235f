namespace WebKita.Mqtt.Packets;

public sealed record DisconnectPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Disconnect;

    public MqttReasonCode ReasonCode { get; init; }

    public uint? SessionExpiryInterval { get; init; }

    public string? ReasonString { get; init; }

    public string? ServerReference { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
