using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt.Publishing;

/// <summary>An application message as published or received; immutable.</summary>
public sealed record MqttApplicationMessage
{
    public required string Topic { get; init; }

    public byte[] Payload { get; init; } = [];

    public MqttQualityOfService QualityOfService { get; init; }

    public bool Retain { get; init; }

    /// <summary>Payload Format Indicator: true when the payload is UTF-8 text.</summary>
    public bool PayloadIsUtf8 { get; init; }

    public uint? MessageExpiryInterval { get; init; }

    public string? ContentType { get; init; }

    public string? ResponseTopic { get; init; }

    public byte[]? CorrelationData { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
