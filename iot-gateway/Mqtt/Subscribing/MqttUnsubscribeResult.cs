using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt.Subscribing;

/// <summary>The UNSUBACK: one reason code per topic filter, in request order.</summary>
public sealed record MqttUnsubscribeResult(IReadOnlyList<(string TopicFilter, MqttReasonCode ReasonCode)> Items, string? ReasonString = null);
