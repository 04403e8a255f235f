namespace WebKita.Grains.Devices;

/// <summary>What a sensor measures; on the wire as <see cref="Measurements.Code"/>.</summary>
[GenerateSerializer, Alias("webkita.Measurement")]
public enum Measurement
{
    Temperature,
    Co2,
    Humidity,
    WaterLeak,
    Battery,
}
