using WebKita.Grains.Common;
using WebKita.Grains.Defects;

namespace WebKita.Silo.Defects;

/// <summary>A decision on one room's tickets; <see cref="Result"/> is set for reports (opened, joined, repeated).</summary>
[GenerateSerializer, Immutable, Alias("webkita.DeskDecision")]
public sealed record DeskDecision(RoomTickets State, Ticket Ticket, IReadOnlyList<DomainEvent> Events, ReportResult? Result = null)
{
    public static DeskDecision From(TicketDecision decision) => new(decision.State, decision.Ticket, decision.Events);

    public static DeskDecision From(ReportDecision decision) => new(decision.State, decision.Ticket, decision.Events, decision.Result);
}
