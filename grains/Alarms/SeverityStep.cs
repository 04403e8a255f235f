using WebKita.Grains.Defects;

namespace WebKita.Grains.Alarms;

/// <summary>A worse value on the rule's side of its threshold, and the severity it deserves ("below 14 °C: major").</summary>
[GenerateSerializer, Immutable, Alias("webkita.SeverityStep")]
public sealed record SeverityStep(double Value, Severity Severity);
