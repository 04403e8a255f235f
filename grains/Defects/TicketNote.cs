namespace WebKita.Grains.Defects;

/// <summary>One line of a ticket's history: a comment, a status change or an assignment, by whom (null: the system).</summary>
[GenerateSerializer, Immutable, Alias("webkita.TicketNote")]
public sealed record TicketNote(DateTimeOffset At, Guid? By, string Kind, string Text);
