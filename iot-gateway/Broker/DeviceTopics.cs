namespace WebKita.Broker;

/// <summary>The topics of one device, <c>sue/v1/{deviceId}/{channel}</c>, and what a device id may look like.</summary>
public static class DeviceTopics
{
    public const string Prefix = "sue/v1/";

    /// <summary>The gateways' shared subscription: all channels of all devices, one copy per group.</summary>
    public const string SharedSubscription = "$share/webkita-gateways/sue/v1/+/+";

    /// <summary>The channels a device publishes on (docs/iot-topics.md); the broker refuses any other topic with 0x87.</summary>
    public static readonly IReadOnlyList<string> DeviceChannels = ["report", "telemetry", "status"];

    public static string Ack(string deviceId) => $"{Prefix}{deviceId}/ack";

    public static string Channel(string deviceId, string channel) => $"{Prefix}{deviceId}/{channel}";

    /// <summary>
    /// The domain's rule (3 to 64 characters of A-Z, a-z, 0-9, '-', '_'): a device id is a topic
    /// level, an MQTT client id and a broker user name at once, so no wildcards, separators or spaces.
    /// </summary>
    public static bool IsValidDeviceId(string deviceId) => Grains.Devices.Device.IsValidDeviceId(deviceId);
}
