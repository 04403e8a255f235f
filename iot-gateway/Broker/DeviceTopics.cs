namespace WebKita.Broker;

/// <summary>The topics of one device, <c>sue/v1/{deviceId}/{channel}</c>, and what a device id may look like.</summary>
public static class DeviceTopics
{
    public const string Prefix = "sue/v1/";

    /// <summary>The gateways' shared subscription: all channels of all devices, one copy per group.</summary>
    public const string SharedSubscription = "$share/webkita-gateways/sue/v1/+/+";

    public static string Ack(string deviceId) => $"{Prefix}{deviceId}/ack";

    /// <summary>
    /// A device id is 1 to 64 characters of [A-Za-z0-9._-]: it is a topic level, an MQTT client id
    /// and a broker user name at once, so no wildcards, separators or spaces.
    /// </summary>
    public static bool IsValidDeviceId(string deviceId) =>
        deviceId.Length is > 0 and <= 64 && deviceId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
