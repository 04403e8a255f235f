using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt.Subscribing;

public sealed record MqttSubscribeResultItem(MqttTopicSubscription Subscription, MqttReasonCode ReasonCode)
{
    public bool IsSuccess => ReasonCode < MqttReasonCode.UnspecifiedError;
}
