namespace WebKita.Grains.Defects;

/// <summary>How urgent a ticket or alarm is, least urgent first, so severities compare by order.</summary>
[GenerateSerializer, Alias("webkita.Severity")]
public enum Severity
{
    Warning,
    Minor,
    Major,
    Critical,
}
