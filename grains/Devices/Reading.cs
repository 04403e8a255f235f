namespace WebKita.Grains.Devices;

/// <summary>One measured value.</summary>
[GenerateSerializer, Immutable, Alias("webkita.Reading")]
public readonly record struct Reading(Measurement Measurement, double Value)
{
    /// <summary>The reading of <paramref name="measurement"/> among <paramref name="readings"/>, or null.</summary>
    public static Reading? Of(IReadOnlyList<Reading> readings, Measurement measurement)
    {
        // By index: a foreach over the interface allocates an enumerator, and this runs per rule and message.
        for (var i = 0; i < readings.Count; i++)
        {
            if (readings[i].Measurement == measurement)
            {
                return readings[i];
            }
        }

        return null;
    }
}
