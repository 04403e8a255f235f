namespace WebKita.Mqtt.Subscribing;

/// <summary>The subscriptions the server granted, replayed when a reconnect finds no session. Thread-safe.</summary>
internal sealed class SubscriptionRegistry
{
    private readonly Dictionary<string, MqttTopicSubscription> _byFilter = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Add(MqttTopicSubscription subscription)
    {
        lock (_gate)
        {
            _byFilter[subscription.TopicFilter] = subscription;
        }
    }

    public void Remove(string topicFilter)
    {
        lock (_gate)
        {
            _byFilter.Remove(topicFilter);
        }
    }

    public IReadOnlyList<MqttTopicSubscription> Snapshot()
    {
        lock (_gate)
        {
            return [.. _byFilter.Values];
        }
    }
}
