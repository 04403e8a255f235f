namespace WebKita.Mqtt.Subscribing;

/// <summary>The SUBACK: one reason code per requested subscription, in request order (granted QoS or a failure).</summary>
public sealed record MqttSubscribeResult(IReadOnlyList<MqttSubscribeResultItem> Items, string? ReasonString = null)
{
    public bool IsSuccess => Items.All(item => item.IsSuccess);
}
