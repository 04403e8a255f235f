using Microsoft.AspNetCore.Mvc;
using WebKita.Api.Pages.Site;
using WebKita.Api.Rounds;
using WebKita.Grains.Rounds;
using WebKita.Silo.Registration;
using WebKita.Silo.Rounds;

namespace WebKita.Api.Pages.Schule;

/// <summary>
/// A round's applications at the caller's schools, listed as GET /rounds/{id}/applications lists
/// them, with each waitlist in order and a form to move a child on it with a reason (audited,
/// decided in the round's turn like POST .../waitlist-position).
/// </summary>
public sealed class RundeModel(SiteTenant site, RoundApplicationDesk desk, RoundDirectory rounds, RegistrationDirectory registration) : SitePage(site)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public AllocationRound Round { get; private set; } = null!;

    public IReadOnlyList<RankedApplication> Applications { get; private set; } = [];

    /// <summary>The round's offerings at the caller's schools, with their titles.</summary>
    public IReadOnlyList<(RoundOffering Offering, string Title)> Offerings { get; private set; } = [];

    public RankedApplication? Find(Guid id) => Applications.FirstOrDefault(a => a.Id == id);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostVerschiebenAsync(Guid application, Guid offering, int? position, string? reason, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var name = Find(application) is { } a ? $"{a.Child.FirstName} {a.Child.LastName}" : "Das Kind";
        if (position is not > 0)
        {
            Notice = "Nicht verschoben: bitte geben Sie eine Position von 1 an aufwärts an.";
            return RedirectToPage(new { Id });
        }

        var command = new MoveOnWaitlist(application, offering, position.Value) { By = Caller!.ToActor(), Reason = reason?.Trim() };
        var reply = await rounds.SendAsync(Site.Id, Id, command, cancellationToken);
        Notice = reply.Refusal?.Code switch
        {
            null => $"{name} steht jetzt auf Position {reply.Round?.Offering(offering)?.PositionOf(application) ?? position} der Warteliste.",
            "reason.required" => "Nicht verschoben: bitte geben Sie einen Grund an; er wird protokolliert.",
            "application.not_waiting" => $"Nicht verschoben: {name} wartet nicht (mehr) auf dieses Angebot.",
            _ => "Nicht verschoben: der Stand der Warteliste hat sich geändert. Bitte prüfen Sie ihn unten.",
        };
        return RedirectToPage(new { Id });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await desk.ListForStaffAsync(Caller!, Id, null, null, null, cancellationToken) is not var (round, applications))
        {
            return false;
        }

        Round = round;
        Applications = [.. applications.OrderBy(a => a.Arrival)];
        var offerings = new List<(RoundOffering, string)>();
        foreach (var o in round.Offerings.Where(o => Caller!.ManagesSchool(Site.Id.Value, o.SchoolId)))
        {
            offerings.Add((o, (await registration.FindOfferingAsync(Site.Id, o.OfferingId, cancellationToken))?.Terms.Title ?? "Angebot"));
        }

        Offerings = offerings;
        return true;
    }
}
