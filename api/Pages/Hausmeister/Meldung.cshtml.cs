using Microsoft.AspNetCore.Mvc;
using WebKita.Api.Buildings;
using WebKita.Api.Defects;
using WebKita.Api.Pages.Site;
using WebKita.Grains.Defects;
using WebKita.Silo.Defects;

namespace WebKita.Api.Pages.Hausmeister;

/// <summary>One ticket: its history, the next steps of its lifecycle, and comments, through the same service as the JSON API.</summary>
public sealed class MeldungModel(SiteTenant site, TicketDesk desk, TicketWork work) : SitePage(site)
{
    [BindProperty(SupportsGet = true)]
    public int Number { get; set; }

    public RoomTickets? Room { get; private set; }

    public Ticket? Ticket { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSchrittAsync(TicketAction action, string? note, CancellationToken cancellationToken)
    {
        var outcome = await work.ActAsync(Caller!, Number, action, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), null, cancellationToken);
        Notice = outcome.Refusal switch
        {
            null => $"Meldung {Number}: {IndexModel.Status(outcome.Value!.Ticket.Status)}.",
            { Code: "ticket.not_found" } => null,
            _ => "Dieser Schritt ist im jetzigen Stand der Meldung nicht möglich.",
        };
        return outcome.Refusal?.Code == "ticket.not_found" ? NotFound() : RedirectToPage(new { Number });
    }

    public async Task<IActionResult> OnPostKommentarAsync(string? text, CancellationToken cancellationToken)
    {
        var outcome = await work.CommentAsync(Caller!, Number, text?.Trim() ?? "", cancellationToken);
        Notice = outcome.Refusal is null ? "Ihr Kommentar ist gespeichert." : "Bitte schreiben Sie einen Kommentar (höchstens 2000 Zeichen).";
        return outcome.Refusal?.Code == "ticket.not_found" ? NotFound() : RedirectToPage(new { Number });
    }

    /// <summary>The next steps a person can take from each status; the ticket's own rules still decide.</summary>
    public static IReadOnlyList<(TicketAction Action, string Label)> StepsFrom(TicketStatus status) => status switch
    {
        TicketStatus.New => [(TicketAction.Acknowledge, "Gesehen"), (TicketAction.Start, "Arbeit beginnen"), (TicketAction.Reject, "Abweisen")],
        TicketStatus.Acknowledged => [(TicketAction.Start, "Arbeit beginnen"), (TicketAction.Resolve, "Als behoben melden"), (TicketAction.Reject, "Abweisen")],
        TicketStatus.InProgress => [(TicketAction.Resolve, "Als behoben melden")],
        TicketStatus.Resolved => [(TicketAction.Close, "Schließen")],
        _ => [],
    };

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await desk.FindAsync(Site.Id, Number, cancellationToken) is not { } found || !Caller!.Oversees(Site.Id.Value, found.Room.BuildingId))
        {
            return false;
        }

        (Room, Ticket) = found;
        return true;
    }
}
