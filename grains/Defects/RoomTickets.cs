using System.Collections.Immutable;
using System.Globalization;
using WebKita.Grains.Common;

namespace WebKita.Grains.Defects;

/// <summary>
/// The tickets of one room of a building (or of the building as a whole, <see cref="Room"/> null):
/// the grain that decides whether a report opens a ticket or joins the open one of its category.
/// Final tickets are kept for a while, so their numbers stay answerable and late repeats recognised.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.RoomTickets")]
public sealed partial record RoomTickets(TenantId Tenant, Guid Id, Guid SchoolId, Guid BuildingId, string? Room, ImmutableList<Ticket> Tickets)
{
    public const int MaxFinalTicketsKept = 100;
    public static readonly TimeSpan FinalTicketsKeptFor = TimeSpan.FromDays(180);

    public static Guid IdFor(TenantId tenant, Guid buildingId, string? room) => DeterministicId.From($"room-tickets/{tenant.Value}/{buildingId:N}/{room}");

    public static RoomTickets Empty(TenantId tenant, Guid schoolId, Guid buildingId, string? room) =>
        new(tenant, IdFor(tenant, buildingId, room), schoolId, buildingId, room, []);

    public Ticket? Find(int number) => Tickets.Find(t => t.Number == number);

    /// <summary>
    /// Files a report. A report whose key this room has seen answers its ticket unchanged; one whose
    /// category has an open ticket joins it (the severity rises to the report's if higher);
    /// otherwise a ticket opens with <paramref name="numberIfNew"/>, which the caller reserved.
    /// </summary>
    public Outcome<ReportDecision> Report(DefectReport report, int numberIfNew, DateTimeOffset now)
    {
        if (Validate(report) is { } refusal)
        {
            return refusal;
        }

        if (Tickets.Find(t => t.HasReport(report.Key)) is { } seen)
        {
            return Outcome<ReportDecision>.Done(new ReportDecision(this, seen, ReportResult.Repeated, []));
        }

        var severity = report.Severity ?? DefectCategories.DefaultSeverity(report.Category);
        if (Tickets.Find(t => t.IsOpen && t.Category == report.Category) is { } open)
        {
            var raised = SeverityTimes.Max(open.Severity, severity);
            var keys = open.ReportKeys.Add(report.Key);
            var joined = open with
            {
                Reports = open.Reports + 1,
                ReportKeys = keys.Count > Ticket.MaxKeptReportKeys ? keys.RemoveAt(0) : keys,
                Severity = raised,
                DueAt = Min(open.DueAt, now + SeverityTimes.ResolveWithin(raised)),
                Attachments = open.Attachments.AddRange(report.Attachments),
            };
            return Outcome<ReportDecision>.Done(new ReportDecision(Replace(joined), joined, ReportResult.Joined, [Event("sue.ticket.joined", joined, now)]));
        }

        var opened = new Ticket(
            numberIfNew, report.Category, severity, TicketStatus.New, report.Text.Trim(), report.Source, 1, [report.Key], report.Attachments,
            now, now + SeverityTimes.ResolveWithin(severity), null, null, 0, null, null, []);
        var state = this with { Tickets = Prune(now).Add(opened) };
        return Outcome<ReportDecision>.Done(new ReportDecision(state, opened, ReportResult.Opened, [Event("sue.ticket.opened", opened, now)]));
    }

    /// <summary>
    /// A ticket's escalation reminder fired. Escalates only if the ticket is still unacknowledged
    /// and its time is up; otherwise answers null (the reminder was stale).
    /// </summary>
    public TicketDecision? Escalate(int number, DateTimeOffset now)
    {
        if (Find(number) is not { EscalationDueAt: { } due } ticket || now < due)
        {
            return null;
        }

        var escalated = ticket with
        {
            EscalationLevel = ticket.EscalationLevel + 1,
            Notes = ticket.Notes.Add(new TicketNote(now, null, "escalation", $"not acknowledged in time; level {ticket.EscalationLevel + 1}")),
        };
        return new TicketDecision(Replace(escalated), escalated, [Event("sue.ticket.escalated", escalated, now)]);
    }

    private RoomTickets Replace(Ticket ticket) => this with { Tickets = Tickets.Replace(Find(ticket.Number)!, ticket) };

    private ImmutableList<Ticket> Prune(DateTimeOffset now)
    {
        var final = Tickets.Where(t => t.IsFinal).OrderByDescending(t => t.FinishedAt).ToList();
        var dropped = final.Skip(MaxFinalTicketsKept).Concat(final.Where(t => t.FinishedAt < now - FinalTicketsKeptFor)).ToHashSet();
        return dropped.Count == 0 ? Tickets : Tickets.RemoveAll(dropped.Contains);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static Refusal? Validate(DefectReport report)
    {
        var problems = new List<FieldProblem>();
        if (report.Text.Length > DefectReport.MaxTextLength)
        {
            problems.Add(new("text", $"must be at most {DefectReport.MaxTextLength} characters"));
        }

        if (report.Attachments.Count > DefectReport.MaxAttachments
            || report.Attachments.Any(a => string.IsNullOrWhiteSpace(a) || a.Length > DefectReport.MaxAttachmentLength))
        {
            problems.Add(new("attachments", $"at most {DefectReport.MaxAttachments} references of 1 to {DefectReport.MaxAttachmentLength} characters"));
        }

        return problems.Count > 0 ? new Refusal("report.invalid", "The report is not valid.", problems) : null;
    }

    /// <summary>Events carry the building, so alert streams can route them without reading the grain.</summary>
    private DomainEvent Event(string type, Ticket ticket, DateTimeOffset now, params (string Key, string Value)[] extra)
    {
        var data = new Dictionary<string, string>
        {
            ["number"] = ticket.Number.ToString(CultureInfo.InvariantCulture),
            ["schoolId"] = SchoolId.ToString(),
            ["buildingId"] = BuildingId.ToString(),
            ["room"] = Room ?? "",
            ["category"] = DefectCategories.Code(ticket.Category),
            ["severity"] = ticket.Severity.ToString(),
            ["status"] = ticket.Status.ToString(),
            ["reports"] = ticket.Reports.ToString(CultureInfo.InvariantCulture),
            ["escalationLevel"] = ticket.EscalationLevel.ToString(CultureInfo.InvariantCulture),
            ["source"] = ticket.Source,
        };
        foreach (var (key, value) in extra)
        {
            data[key] = value;
        }

        return new DomainEvent(type, Id, now, data);
    }
}
