namespace WebKita.Mqtt.Packets;

/// <summary>CONNACK; the defaults are the values MQTT 5.0 implies when a property is absent.</summary>
public sealed record ConnAckPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.ConnAck;

    public bool SessionPresent { get; init; }

    public MqttReasonCode ReasonCode { get; init; }

    public uint? SessionExpiryInterval { get; init; }

    public ushort ReceiveMaximum { get; init; } = ushort.MaxValue;

    public MqttQualityOfService MaximumQoS { get; init; } = MqttQualityOfService.ExactlyOnce;

    public bool RetainAvailable { get; init; } = true;

    public uint? MaximumPacketSize { get; init; }

    public string? AssignedClientId { get; init; }

    public ushort TopicAliasMaximum { get; init; }

    public string? ReasonString { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    public bool WildcardSubscriptionAvailable { get; init; } = true;

    public bool SubscriptionIdentifiersAvailable { get; init; } = true;

    public bool SharedSubscriptionAvailable { get; init; } = true;

    public ushort? ServerKeepAlive { get; init; }

    public string? ResponseInformation { get; init; }

    public string? ServerReference { get; init; }

    public string? AuthenticationMethod { get; init; }

    public byte[]? AuthenticationData { get; init; }
}
