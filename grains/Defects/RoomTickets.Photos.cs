using WebKita.Grains.Common;

namespace WebKita.Grains.Defects;

/// <summary>Photos that reach a ticket after its report, such as a kiosk's uploads through the links in its ack.</summary>
public sealed partial record RoomTickets
{
    /// <summary>
    /// Adds a photo attachment to an open ticket. Only open tickets take photos: one resolved or
    /// closed is past the point where a photo helps, and a late upload must not reopen the debate.
    /// Whether this very upload was taken before is the caller's to know (the upload's key).
    /// </summary>
    public Outcome<TicketDecision> AttachPhoto(int number, string attachment, DateTimeOffset now)
    {
        if (Find(number) is not { } ticket)
        {
            return NotFound(number);
        }

        if (string.IsNullOrWhiteSpace(attachment) || attachment.Length > DefectReport.MaxAttachmentLength)
        {
            return new Refusal("ticket.invalid", "The photo reference is not valid.", [new("attachment", $"must be 1 to {DefectReport.MaxAttachmentLength} characters")]);
        }

        if (!ticket.IsOpen)
        {
            return new Refusal("ticket.not_open", $"Ticket {number} is {ticket.Status}; it takes no more photos.");
        }

        if (ticket.Attachments.Count >= DefectReport.MaxAttachments)
        {
            return new Refusal("ticket.photos_full", $"Ticket {number} has {DefectReport.MaxAttachments} attachments already.");
        }

        var changed = ticket with { Attachments = ticket.Attachments.Add(attachment) };
        return Outcome<TicketDecision>.Done(new TicketDecision(Replace(changed), changed, [Event("sue.ticket.photo_added", changed, now)]));
    }
}
