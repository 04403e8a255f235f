using WebKita.Grains.Common;

namespace WebKita.Grains.Defects;

/// <summary>A report's effect on its room: the new state, the ticket it went to, and what happened.</summary>
public sealed record ReportDecision(RoomTickets State, Ticket Ticket, ReportResult Result, IReadOnlyList<DomainEvent> Events);
