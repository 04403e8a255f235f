namespace WebKita.Grains.Devices;

/// <summary>One measured value.</summary>
[GenerateSerializer, Immutable, Alias("webkita.Reading")]
public readonly record struct Reading(Measurement Measurement, double Value);
