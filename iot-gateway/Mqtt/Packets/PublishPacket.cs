using WebKita.Mqtt.Publishing;

namespace WebKita.Mqtt.Packets;

public sealed record PublishPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Publish;

    public required MqttApplicationMessage Message { get; init; }

    /// <summary>Non-zero for QoS 1 and 2, zero for QoS 0.</summary>
    public ushort PacketId { get; init; }

    public bool Duplicate { get; init; }

    public ushort? TopicAlias { get; init; }

    public IReadOnlyList<uint> SubscriptionIdentifiers { get; init; } = [];
}
