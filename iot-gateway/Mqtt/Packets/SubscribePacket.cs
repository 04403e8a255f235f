using WebKita.Mqtt.Subscribing;

namespace WebKita.Mqtt.Packets;

public sealed record SubscribePacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Subscribe;

    public ushort PacketId { get; init; }

    public uint? SubscriptionIdentifier { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    public required IReadOnlyList<MqttTopicSubscription> Subscriptions { get; init; }
}
