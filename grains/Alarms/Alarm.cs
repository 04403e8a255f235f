using WebKita.Grains.Defects;

namespace WebKita.Grains.Alarms;

/// <summary>
/// An active alarm of one device and type (one at most per pair). Acknowledging and clearing are
/// separate: an acknowledged alarm stays until its clear condition holds.
/// </summary>
public sealed record Alarm(Guid Id, string Type, Severity Severity, DateTimeOffset RaisedAt, double? Value, DateTimeOffset? AcknowledgedAt, int EscalationLevel)
{
    public const int MaxEscalationLevel = 3;

    /// <summary>When it escalates if nobody acknowledges it; null once acknowledged or at the top level.</summary>
    public DateTimeOffset? EscalationDueAt =>
        AcknowledgedAt is null && EscalationLevel < MaxEscalationLevel
            ? RaisedAt + (SeverityTimes.AcknowledgeWithin(Severity) * (EscalationLevel + 1))
            : null;
}
