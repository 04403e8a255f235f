namespace WebKita.Silo.Defects;

/// <summary>Where a ticket number lives: the room grain holding the ticket. Written once, when the ticket opens.</summary>
public sealed record TicketRef(int Number, Guid RoomId);
