using WebKita.Grains.Defects;

namespace WebKita.Api.Defects;

public sealed record TicketStatusRequest(string? Action, string? Note, int? DuplicateOf);

public sealed record AssigneeRequest(Guid? AccountId);

public sealed record CommentRequest(string? Text);

public sealed record NoteResponse(DateTimeOffset At, Guid? By, string Kind, string Text);

public sealed record TicketResponse(
    int Number, Guid SchoolId, Guid BuildingId, string? Room, string Category, string Severity, string Status, string Text, string Source,
    int Reports, IReadOnlyList<string> Attachments, DateTimeOffset OpenedAt, DateTimeOffset DueAt, DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? FinishedAt, int EscalationLevel, Guid? Assignee, int? DuplicateOf, IReadOnlyList<NoteResponse> Notes)
{
    public static TicketResponse From(RoomTickets room, Ticket t) => new(
        t.Number, room.SchoolId, room.BuildingId, room.Room, DefectCategories.Code(t.Category), t.Severity.ToString().ToLowerInvariant(),
        StatusCode(t.Status), t.Text, t.Source, t.Reports, t.Attachments, t.OpenedAt, t.DueAt, t.AcknowledgedAt, t.FinishedAt,
        t.EscalationLevel, t.Assignee, t.DuplicateOf, [.. t.Notes.Select(n => new NoteResponse(n.At, n.By, n.Kind, n.Text))]);

    public static string StatusCode(TicketStatus status) => status == TicketStatus.InProgress ? "in_progress" : status.ToString().ToLowerInvariant();
}
