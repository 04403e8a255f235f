using WebKita.Grains.Devices;

namespace WebKita.Grains.Alarms;

/// <summary>A condition on one measurement, strict: "below 17" does not hold at 17.</summary>
[GenerateSerializer, Immutable, Alias("webkita.Threshold")]
public sealed record Threshold(Measurement Measurement, Comparison Comparison, double Value)
{
    public bool Holds(double value) => Comparison == Comparison.Below ? value < Value : value > Value;
}
