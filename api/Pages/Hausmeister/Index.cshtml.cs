using WebKita.Api.Buildings;
using WebKita.Api.Pages.Site;
using WebKita.Grains.Defects;
using WebKita.Silo.Defects;

namespace WebKita.Api.Pages.Hausmeister;

/// <summary>
/// The open tickets of the caller's buildings (a county admin sees all). The page refreshes its
/// list when the alert stream reports something new; without JavaScript, reloading shows it.
/// </summary>
public sealed class IndexModel(SiteTenant site, TicketDesk desk) : SitePage(site)
{
    public IReadOnlyList<(RoomTickets Room, Ticket Ticket)> Tickets { get; private set; } = [];

    public string StreamUrl => $"/api/v1/tenants/{Site.Id.Value}/alerts/stream";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var caller = Caller!;
        var rooms = await desk.ListAsync(Site.Id, null, cancellationToken);
        Tickets = [.. rooms.Where(r => caller.Oversees(Site.Id.Value, r.BuildingId))
            .SelectMany(r => r.Tickets.Where(t => t.IsOpen).Select(t => (r, t)))
            .OrderBy(x => x.t.DueAt)];
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
