namespace WebKita.Mqtt.Packets;

/// <summary>An MQTT control packet, immutable once built or decoded.</summary>
public abstract record MqttPacket
{
    public abstract MqttPacketType Type { get; }
}
