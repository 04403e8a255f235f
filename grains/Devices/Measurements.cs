namespace WebKita.Grains.Devices;

/// <summary>Wire codes and the physically plausible range of each measurement; a value outside it is a broken or lying device.</summary>
public static class Measurements
{
    private static readonly Dictionary<string, Measurement> ByCode = Enum.GetValues<Measurement>().ToDictionary(Code, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Codes => ByCode.Keys;

    public static string Code(Measurement measurement) => measurement switch
    {
        Measurement.Co2 => "co2",
        Measurement.WaterLeak => "waterLeak",
        _ => measurement.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? code, out Measurement measurement) => ByCode.TryGetValue(code ?? "", out measurement);

    /// <summary>Inclusive bounds: °C, ppm, % relative humidity, 0 or 1 for a leak, % battery.</summary>
    public static (double Min, double Max) Range(Measurement measurement) => measurement switch
    {
        Measurement.Temperature => (-40, 85),
        Measurement.Co2 => (0, 10_000),
        Measurement.Humidity => (0, 100),
        Measurement.WaterLeak => (0, 1),
        _ => (0, 100),
    };

    public static bool InRange(Measurement measurement, double value)
    {
        var (min, max) = Range(measurement);
        return double.IsFinite(value) && value >= min && value <= max;
    }
}
