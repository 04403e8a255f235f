using System.Globalization;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Defects;

/// <summary>
/// What a tenant's ticket desk takes: one decision on the tickets of room <paramref name="RoomId"/>,
/// decided in turn order with the tenant's next free ticket number at hand.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.DeskCommand")]
public abstract record DeskCommand(Guid RoomId)
{
    /// <summary>Names a report or a photo upload, which files once for good (<see cref="FiledReport"/>).</summary>
    public virtual string? ReportKey => null;

    /// <summary>The reminder this command fires; deleted with the turn's commit.</summary>
    public virtual Reminder? Fired => null;

    public virtual AuditedAction? Audit => null;

    /// <summary>The room's grain when this command is its first, or null when only an existing room will do.</summary>
    public virtual RoomTickets? Empty() => null;

    public abstract Outcome<DeskDecision> Decide(RoomTickets room, int nextNumber, DateTimeOffset now);

    internal static Outcome<DeskDecision> Map(Outcome<ReportDecision> outcome) =>
        outcome.Value is { } decision ? Outcome<DeskDecision>.Done(DeskDecision.From(decision)) : outcome.Refusal!;

    internal static Outcome<DeskDecision> Map(Outcome<TicketDecision> outcome) =>
        outcome.Value is { } decision ? Outcome<DeskDecision>.Done(DeskDecision.From(decision)) : outcome.Refusal!;

    internal static Refusal NotFound => new("ticket.not_found", "There is no such ticket.");
}

/// <summary>A report in a room: opens a ticket, joins the open one of its category, or is recognised by its key.</summary>
[GenerateSerializer, Immutable, Alias("webkita.FileReport")]
public sealed record FileReport(TenantId Tenant, Guid SchoolId, Guid BuildingId, string? Room, DefectReport Report)
    : DeskCommand(RoomTickets.IdFor(Tenant, BuildingId, Room))
{
    public override string ReportKey => Report.Key;

    public override RoomTickets Empty() => RoomTickets.Empty(Tenant, SchoolId, BuildingId, Room);

    public override Outcome<DeskDecision> Decide(RoomTickets room, int nextNumber, DateTimeOffset now) => Map(room.Report(Report, nextNumber, now));
}

/// <summary>
/// A facility manager's or admin's change to ticket <paramref name="Number"/>, audited under
/// <paramref name="By"/>. <paramref name="Buildings"/> are those the caller oversees (null: all
/// of the tenant's); a ticket elsewhere is refused as not found.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.ChangeTicket")]
public sealed record ChangeTicket(Guid RoomId, int Number, TicketChange Change, AuditedAction By, IReadOnlySet<Guid>? Buildings) : DeskCommand(RoomId)
{
    public override AuditedAction Audit => By;

    public override Outcome<DeskDecision> Decide(RoomTickets room, int nextNumber, DateTimeOffset now) =>
        Buildings is null || Buildings.Contains(room.BuildingId) ? Map(Change.Apply(room, Number, By.By.AccountId, now)) : NotFound;
}

/// <summary>A photo for ticket <paramref name="Number"/>, attached once for good under <paramref name="UploadKey"/>.</summary>
[GenerateSerializer, Immutable, Alias("webkita.AttachTicketPhoto")]
public sealed record AttachTicketPhoto(Guid RoomId, int Number, string UploadKey, string Attachment) : DeskCommand(RoomId)
{
    public override string ReportKey => UploadKey;

    public override Outcome<DeskDecision> Decide(RoomTickets room, int nextNumber, DateTimeOffset now) => Map(room.AttachPhoto(Number, Attachment, now));
}

/// <summary>Sent by a ticket's escalation reminder: raises the ticket a level if nobody acknowledged it in time.</summary>
[GenerateSerializer, Immutable, Alias("webkita.EscalateTicket")]
public sealed record EscalateTicket(Reminder Reminder) : DeskCommand(Reminder.Grain.Id)
{
    public const string ReminderPrefix = "escalate:";

    public static string ReminderName(int number) => ReminderPrefix + number.ToString(CultureInfo.InvariantCulture);

    public override Reminder Fired => Reminder;

    public override Outcome<DeskDecision> Decide(RoomTickets room, int nextNumber, DateTimeOffset now)
    {
        var number = int.TryParse(Reminder.Name.AsSpan(ReminderPrefix.Length), CultureInfo.InvariantCulture, out var n) ? n : 0;
        return room.Escalate(number, now) is { } decision
            ? Outcome<DeskDecision>.Done(DeskDecision.From(decision))
            : new Refusal("ticket.not_escalated", $"Ticket {number.ToString(CultureInfo.InvariantCulture)} is acknowledged, gone or not yet due.");
    }
}
