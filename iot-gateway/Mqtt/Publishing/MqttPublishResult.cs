using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt.Publishing;

/// <summary>The server's answer to a publish (PUBACK), or a local refusal with the reason the server would give.</summary>
public sealed record MqttPublishResult(MqttReasonCode ReasonCode, string? ReasonString = null)
{
    public static readonly MqttPublishResult Success = new(MqttReasonCode.Success);

    public bool IsSuccess => ReasonCode < MqttReasonCode.UnspecifiedError;

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];
}
