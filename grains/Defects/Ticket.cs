using System.Collections.Immutable;

namespace WebKita.Grains.Defects;

/// <summary>
/// One defect of a room, however many reported it. <see cref="Number"/> is unique in the tenant and
/// short enough for a kiosk to show. <see cref="ReportKeys"/> are the latest reports' keys, kept so
/// a redelivered report is recognised; <see cref="Reports"/> counts them all ("me too").
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.Ticket")]
public sealed record Ticket(
    int Number,
    DefectCategory Category,
    Severity Severity,
    TicketStatus Status,
    string Text,
    string Source,
    int Reports,
    ImmutableList<string> ReportKeys,
    ImmutableList<string> Attachments,
    DateTimeOffset OpenedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? FinishedAt,
    int EscalationLevel,
    Guid? Assignee,
    int? DuplicateOf,
    ImmutableList<TicketNote> Notes)
{
    public const int MaxEscalationLevel = 3;
    public const int MaxKeptReportKeys = 100;
    public const int MaxNotes = 500;

    /// <summary>Open tickets take further reports of their room and category.</summary>
    public bool IsOpen => Status is TicketStatus.New or TicketStatus.Acknowledged or TicketStatus.InProgress;

    public bool IsFinal => Status is TicketStatus.Closed or TicketStatus.Rejected or TicketStatus.Duplicate;

    /// <summary>
    /// When nobody has acknowledged the ticket by then, it escalates one level; each level allows
    /// its severity's acknowledgement time again. Null once acknowledged or at the top level.
    /// </summary>
    public DateTimeOffset? EscalationDueAt =>
        Status == TicketStatus.New && EscalationLevel < MaxEscalationLevel
            ? OpenedAt + (SeverityTimes.AcknowledgeWithin(Severity) * (EscalationLevel + 1))
            : null;

    public bool HasReport(string key) => ReportKeys.Contains(key, StringComparer.Ordinal);
}
