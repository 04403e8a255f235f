using Microsoft.AspNetCore.Mvc;
using WebKita.Api.Alarms;
using WebKita.Api.Buildings;
using WebKita.Api.Pages.Site;
using WebKita.Grains.Defects;
using WebKita.Silo.Defects;
using WebKita.Silo.Mail;

namespace WebKita.Api.Pages.Hausmeister;

/// <summary>
/// The open tickets of the caller's buildings (a county admin sees all). The page refreshes its
/// list when the alert stream reports something new; without JavaScript, reloading shows it.
/// </summary>
public sealed class IndexModel(SiteTenant site, TicketDesk desk, AlarmDesk alarms) : SitePage(site)
{
    /// <summary>Active alarms of the caller's buildings, oldest first, as GET /alarms lists them.</summary>
    public IReadOnlyList<ActiveAlarmResponse> Alarms { get; private set; } = [];

    public IReadOnlyList<(RoomTickets Room, Ticket Ticket)> Tickets { get; private set; } = [];

    public string StreamUrl => $"/api/v1/tenants/{Site.Id.Value}/alerts/stream";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var caller = Caller!;
        var rooms = await desk.ListAsync(Site.Id, null, cancellationToken);
        Tickets = [.. rooms.Where(r => caller.Oversees(Site.Id.Value, r.BuildingId))
            .SelectMany(r => r.Tickets.Where(t => t.IsOpen).Select(t => (r, t)))
            .OrderBy(x => x.t.DueAt)];
        Alarms = await alarms.ListAsync(caller, cancellationToken);
    }

    /// <summary>Stops the alarm's escalation, as POST /alarms/{deviceId}/{type}/acknowledge does; the rule still clears it.</summary>
    public async Task<IActionResult> OnPostQuittierenAsync(string deviceId, string type, CancellationToken cancellationToken)
    {
        var outcome = await alarms.AcknowledgeAsync(Caller!, deviceId ?? "", type ?? "", cancellationToken);
        Notice = outcome switch
        {
            null => "Diesen Alarm gibt es in Ihren Gebäuden nicht.",
            { Value: { } alarm } => $"Alarm bestätigt: {FacilityTexts.Condition(alarm.Alarm.Type)}, Raum {alarm.Room ?? "unbekannt"}. Die Eskalation ist gestoppt.",
            _ => "Der Alarm ist nicht mehr aktiv.",
        };
        return RedirectToPage();
    }

    public static string Status(TicketStatus status) => status switch
    {
        TicketStatus.New => "Neu",
        TicketStatus.Acknowledged => "Gesehen",
        TicketStatus.InProgress => "In Arbeit",
        TicketStatus.Resolved => "Behoben",
        TicketStatus.Closed => "Geschlossen",
        TicketStatus.Rejected => "Abgewiesen",
        _ => "Doppelt gemeldet",
    };
}
