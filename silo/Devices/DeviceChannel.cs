namespace WebKita.Silo.Devices;

/// <summary>The last topic level of a device's topics (<c>sue/v1/{deviceId}/{channel}</c>).</summary>
public enum DeviceChannel
{
    Report,
    Telemetry,
    Status,
}
