using MQTTnet.Packets;

namespace WebKita.Mqtt.Connecting;

/// <summary>The subscriptions the broker granted, renewed when a reconnect finds no session. Thread-safe.</summary>
internal sealed class SubscriptionRegistry
{
    private readonly Dictionary<string, MqttTopicFilter> _byFilter = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Add(MqttTopicFilter filter)
    {
        lock (_gate)
        {
            _byFilter[filter.Topic] = filter;
        }
    }

    public IReadOnlyList<MqttTopicFilter> Snapshot()
    {
        lock (_gate)
        {
            return [.. _byFilter.Values];
        }
    }
}
