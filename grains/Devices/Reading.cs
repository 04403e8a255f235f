namespace WebKita.Grains.Devices;

/// <summary>One measured value.</summary>
public readonly record struct Reading(Measurement Measurement, double Value);
