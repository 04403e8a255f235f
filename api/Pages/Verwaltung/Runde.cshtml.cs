using Microsoft.AspNetCore.Mvc;
using WebKita.Api.Pages.Site;
using WebKita.Api.Rounds;
using WebKita.Grains.Allocation;
using WebKita.Grains.Rounds;
using WebKita.Silo.Registration;
using WebKita.Silo.Rounds;
using WebKita.Silo.Schools;

namespace WebKita.Api.Pages.Verwaltung;

/// <summary>
/// One round: its offerings and places, the published run once the deadline has passed, and a
/// dry run with a seed. The dry run changes nothing, so it is a GET form that can be bookmarked
/// and repeated with the same seed.
/// </summary>
public sealed class RundeModel(SiteTenant site, RoundDirectory rounds, RegistrationDirectory registration, SchoolDirectory schools, RoundSetup setup) : SitePage(site)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Seed { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Probelauf { get; set; }

    public AllocationRound Round { get; private set; } = null!;

    public IReadOnlyList<RankedApplication> Applications { get; private set; } = [];

    public AllocationResult? Simulation { get; private set; }

    private Dictionary<Guid, string> _titles = [];
    private Dictionary<Guid, string> _schoolNames = [];

    public string Title(Guid? offeringId) => offeringId is { } id && _titles.TryGetValue(id, out var title) ? title : "–";

    public string SchoolName(Guid schoolId) => _schoolNames.GetValueOrDefault(schoolId, "unbekannte Schule");

    public string ChildOf(Guid applicationId) =>
        Applications.FirstOrDefault(a => a.Id == applicationId) is { } a ? $"{a.Child.FirstName} {a.Child.LastName}" : "–";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await rounds.FindRoundAsync(Site.Id, Id, cancellationToken) is not { } round)
        {
            return NotFound();
        }

        Round = round;
        Applications = [.. (await rounds.ListApplicationsAsync(Site.Id, Id, cancellationToken)).OrderBy(a => a.Arrival)];
        foreach (var o in round.Offerings)
        {
            _titles[o.OfferingId] = (await registration.FindOfferingAsync(Site.Id, o.OfferingId, cancellationToken))?.Terms.Title ?? "Angebot";
        }

        _schoolNames = (await schools.ListAsync(Site.Id, cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
        if (Probelauf)
        {
            var result = await setup.SimulateAsync(Caller!, Id, Seed, null, cancellationToken);
            if (result is { Errors.Count: > 0 })
            {
                Invalid(nameof(Seed), $"Der Startwert darf höchstens {RoundSetup.MaxSeedLength} Zeichen haben.");
            }
            else if (result?.Refusal is not null)
            {
                Invalid("", "Der Probelauf war nicht möglich: es gibt keine Satzung, nach der die Runde vergeben könnte.");
            }
            else
            {
                Simulation = result?.Value;
                Seed = Simulation?.Seed;
            }
        }

        return Page();
    }
}
