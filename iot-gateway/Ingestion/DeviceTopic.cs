using WebKita.Silo.Devices;

namespace WebKita.IotGateway.Ingestion;

/// <summary>What a topic says: a device and a channel, the gateway's own ack topic, or why it is unusable.</summary>
public readonly record struct DeviceTopic(string DeviceId, DeviceChannel? Channel, bool IsAck, string? Problem)
{
    /// <summary>Splits <c>sue/v1/{deviceId}/{channel}</c>; the device id is empty when the topic has none.</summary>
    public static DeviceTopic Parse(string topic)
    {
        var parts = topic.Split('/');
        if (parts.Length != 4 || parts[0] != "sue" || parts[1] != "v1")
        {
            // Keep the device id when there is one (sue/v1/{id} or sue/v1/{id}/a/b), so the letter finds its county.
            return new(parts.Length >= 3 && parts[0] == "sue" && parts[1] == "v1" ? parts[2] : "", null, false, "topic.invalid_shape");
        }

        var deviceId = parts[2];
        if (!Broker.DeviceTopics.IsValidDeviceId(deviceId))
        {
            return new(deviceId, null, false, "topic.invalid_device_id");
        }

        return parts[3] switch
        {
            "report" => new(deviceId, DeviceChannel.Report, false, null),
            "telemetry" => new(deviceId, DeviceChannel.Telemetry, false, null),
            "status" => new(deviceId, DeviceChannel.Status, false, null),
            "ack" => new(deviceId, null, true, null),
            _ => new(deviceId, null, false, "topic.unknown_channel"),
        };
    }
}
