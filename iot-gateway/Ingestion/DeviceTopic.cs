using WebKita.Silo.Devices;

namespace WebKita.IotGateway.Ingestion;

/// <summary>What a topic says: a device and a channel, the gateway's own ack topic, or why it is unusable.</summary>
public readonly record struct DeviceTopic(string DeviceId, DeviceChannel? Channel, bool IsAck, string? Problem)
{
    private const string Prefix = "sue/v1/";

    /// <summary>Reads <c>sue/v1/{deviceId}/{channel}</c>; the device id is empty when the topic has none.</summary>
    public static DeviceTopic Parse(string topic)
    {
        // Without Split: of every message's topic only the device id is kept as a string.
        if (!topic.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return new("", null, false, "topic.invalid_shape");
        }

        var rest = topic.AsSpan(Prefix.Length);
        var slash = rest.IndexOf('/');
        var deviceId = (slash < 0 ? rest : rest[..slash]).ToString();
        var channel = slash < 0 ? [] : rest[(slash + 1)..];
        if (slash < 0 || channel.Contains('/'))
        {
            // Keep the device id when there is one (sue/v1/{id} or sue/v1/{id}/a/b), so the letter finds its county.
            return new(deviceId, null, false, "topic.invalid_shape");
        }

        if (!Broker.DeviceTopics.IsValidDeviceId(deviceId))
        {
            return new(deviceId, null, false, "topic.invalid_device_id");
        }

        return channel switch
        {
            "report" => new(deviceId, DeviceChannel.Report, false, null),
            "telemetry" => new(deviceId, DeviceChannel.Telemetry, false, null),
            "status" => new(deviceId, DeviceChannel.Status, false, null),
            "ack" => new(deviceId, null, true, null),
            _ => new(deviceId, null, false, "topic.unknown_channel"),
        };
    }
}
