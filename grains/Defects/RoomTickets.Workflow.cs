using WebKita.Grains.Common;

namespace WebKita.Grains.Defects;

/// <summary>What facility managers and admins do with a room's tickets. Repeating a step that is done answers the ticket unchanged.</summary>
public sealed partial record RoomTickets
{
    public const int MaxNoteLength = 2000;

    public Outcome<TicketDecision> Act(int number, TicketAction action, Guid by, string? note, int? duplicateOf, DateTimeOffset now)
    {
        if (Find(number) is not { } ticket)
        {
            return NotFound(number);
        }

        if (note is { Length: > MaxNoteLength })
        {
            return new Refusal("ticket.invalid", "The note is too long.", [new("note", $"must be at most {MaxNoteLength} characters")]);
        }

        var (target, allowedFrom) = action switch
        {
            TicketAction.Acknowledge => (TicketStatus.Acknowledged, new[] { TicketStatus.New }),
            TicketAction.Start => (TicketStatus.InProgress, [TicketStatus.New, TicketStatus.Acknowledged]),
            TicketAction.Resolve => (TicketStatus.Resolved, [TicketStatus.New, TicketStatus.Acknowledged, TicketStatus.InProgress]),
            TicketAction.Close => (TicketStatus.Closed, [TicketStatus.Resolved]),
            TicketAction.Reject => (TicketStatus.Rejected, [TicketStatus.New, TicketStatus.Acknowledged]),
            _ => (TicketStatus.Duplicate, [TicketStatus.New, TicketStatus.Acknowledged, TicketStatus.InProgress]),
        };
        if (ticket.Status == target)
        {
            return Outcome<TicketDecision>.Done(new TicketDecision(this, ticket, []));
        }

        if (!allowedFrom.Contains(ticket.Status))
        {
            return new Refusal("ticket.transition_invalid", $"Ticket {number} is {ticket.Status}; it cannot become {target}.");
        }

        if (target == TicketStatus.Duplicate && (duplicateOf is not { } original || original == number))
        {
            return new Refusal("ticket.invalid", "A duplicate names the ticket it duplicates.", [new("duplicateOf", "must be another ticket's number")]);
        }

        var changed = ticket with
        {
            Status = target,
            AcknowledgedAt = ticket.AcknowledgedAt ?? now,
            FinishedAt = target is TicketStatus.Closed or TicketStatus.Rejected or TicketStatus.Duplicate ? now : null,
            DuplicateOf = target == TicketStatus.Duplicate ? duplicateOf : ticket.DuplicateOf,
            Notes = ticket.Notes.Add(new TicketNote(now, by, "status", string.IsNullOrWhiteSpace(note) ? target.ToString() : $"{target}: {note.Trim()}")),
        };
        if (changed.Notes.Count > Ticket.MaxNotes)
        {
            return TooManyNotes(number);
        }

        return Outcome<TicketDecision>.Done(new TicketDecision(
            Replace(changed), changed, [Event("sue.ticket.status_changed", changed, now, ("from", ticket.Status.ToString()), ("by", by.ToString()))]));
    }

    public Outcome<TicketDecision> Assign(int number, Guid? assignee, Guid by, DateTimeOffset now)
    {
        if (Find(number) is not { } ticket)
        {
            return NotFound(number);
        }

        if (ticket.Assignee == assignee)
        {
            return Outcome<TicketDecision>.Done(new TicketDecision(this, ticket, []));
        }

        if (ticket.IsFinal)
        {
            return new Refusal("ticket.transition_invalid", $"Ticket {number} is {ticket.Status}; it takes no assignee.");
        }

        var changed = ticket with
        {
            Assignee = assignee,
            Notes = ticket.Notes.Add(new TicketNote(now, by, "assignment", assignee?.ToString() ?? "unassigned")),
        };
        return changed.Notes.Count > Ticket.MaxNotes
            ? TooManyNotes(number)
            : Outcome<TicketDecision>.Done(new TicketDecision(Replace(changed), changed, [Event("sue.ticket.assigned", changed, now, ("assignee", assignee?.ToString() ?? ""))]));
    }

    public Outcome<TicketDecision> Comment(int number, Guid by, string text, DateTimeOffset now)
    {
        if (Find(number) is not { } ticket)
        {
            return NotFound(number);
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxNoteLength)
        {
            return new Refusal("ticket.invalid", "The comment is not valid.", [new("text", $"must be 1 to {MaxNoteLength} characters")]);
        }

        var changed = ticket with { Notes = ticket.Notes.Add(new TicketNote(now, by, "comment", text.Trim())) };
        return changed.Notes.Count > Ticket.MaxNotes
            ? TooManyNotes(number)
            : Outcome<TicketDecision>.Done(new TicketDecision(Replace(changed), changed, [Event("sue.ticket.commented", changed, now)]));
    }

    private static Refusal NotFound(int number) => new("ticket.not_found", $"There is no ticket {number} here.");

    private static Refusal TooManyNotes(int number) => new("ticket.full", $"Ticket {number} has {Ticket.MaxNotes} notes already.");
}
