using Microsoft.AspNetCore.Mvc;
using WebKita.Api.Pages.Site;
using WebKita.Api.Rounds;
using WebKita.Grains.Offerings;
using WebKita.Grains.Rounds;
using WebKita.Silo.Registration;
using WebKita.Silo.Rounds;

namespace WebKita.Api.Pages.Verwaltung;

/// <summary>The county's allocation rounds and a form for a new one; created through the same set-up as POST /rounds.</summary>
public sealed class RundenModel(SiteTenant site, RoundDirectory rounds, RegistrationDirectory registration, RoundSetup setup, TimeProvider time) : SitePage(site)
{
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public int? SchoolYearStart { get; set; }

    [BindProperty]
    public string? Deadline { get; set; }

    [BindProperty]
    public int? OfferDays { get; set; } = 7;

    [BindProperty]
    public List<Guid> OfferingIds { get; set; } = [];

    public IReadOnlyList<AllocationRound> Rounds { get; private set; } = [];

    /// <summary>The offerings a round can take: those allocated by criteria at a deadline.</summary>
    public IReadOnlyList<Offering> CriteriaOfferings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        SchoolYearStart = time.GetUtcNow().Year + 1;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var deadline = GermanTime.FromLocalInput(Deadline);
        if (string.IsNullOrWhiteSpace(Title))
        {
            Invalid(nameof(Title), "Bitte geben Sie einen Titel an.");
        }

        if (SchoolYearStart is null)
        {
            Invalid(nameof(SchoolYearStart), "Bitte geben Sie das Jahr an, in dem das Schuljahr beginnt.");
        }

        if (deadline is null)
        {
            Invalid(nameof(Deadline), "Bitte geben Sie den Stichtag mit Datum und Uhrzeit an.");
        }

        if (OfferingIds.Count == 0)
        {
            Invalid(nameof(OfferingIds), "Bitte wählen Sie mindestens ein Angebot.");
        }

        if (ModelState.IsValid)
        {
            var result = await setup.CreateAsync(Caller!, new RoundRequest(Title!.Trim(), SchoolYearStart, deadline, OfferDays, OfferingIds), cancellationToken);
            if (result.Value is { } round)
            {
                Notice = $"Die Vergaberunde „{round.Title}“ ist angelegt. Die Vergabe läuft am Stichtag von selbst.";
                return RedirectToPage("/Verwaltung/Runde", new { id = round.Id });
            }

            Invalid("", result.Refusal?.Code switch
            {
                "statute.not_found" => "Bitte beschließen Sie zuerst die Satzung: eine Runde vergibt nach ihren Kriterien.",
                _ when result.Errors.Keys.Any(k => k.StartsWith("offeringIds", StringComparison.Ordinal)) => "Ein gewähltes Angebot wird nicht nach Kriterien vergeben.",
                _ => "Die Runde konnte so nicht angelegt werden: der Stichtag muss in der Zukunft liegen, die Antwortfrist 1 bis 60 Tage betragen, und jedes Angebot darf nur in einer Runde sein.",
            });
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rounds = [.. (await rounds.ListRoundsAsync(Site.Id, cancellationToken)).OrderByDescending(r => r.Deadline)];
        CriteriaOfferings = [.. (await registration.ListOfferingsAsync(Site.Id, null, cancellationToken))
            .Where(o => o.Terms.Mode == AllocationMode.CriteriaAtDeadline).OrderBy(o => o.Terms.Title, StringComparer.OrdinalIgnoreCase)];
    }
}
