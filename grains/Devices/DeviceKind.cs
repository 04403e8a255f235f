namespace WebKita.Grains.Devices;

/// <summary>A QR-code kiosk sends reports; a sensor sends telemetry. Both send status.</summary>
public enum DeviceKind
{
    Kiosk,
    Sensor,
}
