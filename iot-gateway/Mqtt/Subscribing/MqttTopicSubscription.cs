using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt.Subscribing;

/// <summary>A topic filter with its subscription options (§3.8.3.1); shared filters look like <c>$share/group/filter</c>.</summary>
public sealed record MqttTopicSubscription(
    string TopicFilter,
    MqttQualityOfService QualityOfService = MqttQualityOfService.AtLeastOnce,
    bool NoLocal = false,
    bool RetainAsPublished = false,
    MqttRetainHandling RetainHandling = MqttRetainHandling.SendAtSubscribe);
