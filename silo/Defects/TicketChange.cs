using WebKita.Grains.Common;
using WebKita.Grains.Defects;

namespace WebKita.Silo.Defects;

/// <summary>What a facility manager or admin does to one ticket, decided in the desk's turn by the pure room code.</summary>
[GenerateSerializer, Immutable, Alias("webkita.TicketChange")]
public abstract record TicketChange
{
    public abstract Outcome<TicketDecision> Apply(RoomTickets room, int number, Guid by, DateTimeOffset now);
}

[GenerateSerializer, Immutable, Alias("webkita.ActOnTicket")]
public sealed record ActOnTicket(TicketAction Action, string? Note, int? DuplicateOf) : TicketChange
{
    public override Outcome<TicketDecision> Apply(RoomTickets room, int number, Guid by, DateTimeOffset now) => room.Act(number, Action, by, Note, DuplicateOf, now);
}

[GenerateSerializer, Immutable, Alias("webkita.CommentOnTicket")]
public sealed record CommentOnTicket(string Text) : TicketChange
{
    public override Outcome<TicketDecision> Apply(RoomTickets room, int number, Guid by, DateTimeOffset now) => room.Comment(number, by, Text, now);
}

/// <summary>Assigns the ticket to <paramref name="Assignee"/>, or unassigns it (null).</summary>
[GenerateSerializer, Immutable, Alias("webkita.AssignTicket")]
public sealed record AssignTicket(Guid? Assignee) : TicketChange
{
    public override Outcome<TicketDecision> Apply(RoomTickets room, int number, Guid by, DateTimeOffset now) => room.Assign(number, Assignee, by, now);
}
