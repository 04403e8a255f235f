namespace WebKita.Mqtt.Packets;

public sealed record ConnectPacket : MqttPacket
{
    public override MqttPacketType Type => MqttPacketType.Connect;

    public string ClientId { get; init; } = "";

    public bool CleanStart { get; init; }

    public ushort KeepAliveSeconds { get; init; }

    public string? Username { get; init; }

    public byte[]? Password { get; init; }

    public uint SessionExpiryInterval { get; init; }

    /// <summary>How many unacknowledged QoS 1/2 messages the server may send us; 65535 is the default and is not encoded.</summary>
    public ushort ReceiveMaximum { get; init; } = ushort.MaxValue;

    public uint? MaximumPacketSize { get; init; }

    public ushort TopicAliasMaximum { get; init; }

    public bool RequestResponseInformation { get; init; }

    public bool RequestProblemInformation { get; init; } = true;

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    public MqttWill? Will { get; init; }
}
