using WebKita.Grains.Common;

namespace WebKita.Grains.Defects;

/// <summary>A change to one ticket. When nothing changed (a repeated request), <see cref="State"/> is the same instance and there are no events.</summary>
public sealed record TicketDecision(RoomTickets State, Ticket Ticket, IReadOnlyList<DomainEvent> Events);
