namespace WebKita.Mqtt.Packets;

public sealed record UnsubscribePacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Unsubscribe;

    public ushort PacketId { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    public required IReadOnlyList<string> TopicFilters { get; init; }
}
