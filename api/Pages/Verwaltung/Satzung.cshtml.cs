using Microsoft.AspNetCore.Mvc;
using WebKita.Api.Pages.Site;
using WebKita.Api.Statutes;
using WebKita.Grains.Allocation;
using WebKita.Grains.Statutes;
using WebKita.Silo.Statutes;

namespace WebKita.Api.Pages.Verwaltung;

/// <summary>
/// The statute's versions (every one kept, as the published runs name them) and a form that
/// enacts the next. Validated as PUT /statute validates it (<see cref="StatuteRequest.ToRules"/>).
/// </summary>
public sealed class SatzungModel(SiteTenant site, StatuteDirectory statutes) : SitePage(site)
{
    [BindProperty(SupportsGet = true)]
    public int? Fassung { get; set; }

    /// <summary>Points per criterion by its name; empty or 0 leaves the criterion out.</summary>
    [BindProperty]
    public Dictionary<Criterion, int?> Points { get; set; } = [];

    [BindProperty]
    public int? LowestPriorityGrade { get; set; }

    [BindProperty]
    public int? HighestPriorityGrade { get; set; }

    public Statute? Statute { get; private set; }

    public StatuteVersion? Shown { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Fassung is not null && Shown is null)
        {
            return NotFound();
        }

        if (Statute?.Current().Rules is { } current)
        {
            Points = current.Criteria.ToDictionary(c => c.Criterion, c => (int?)c.Points);
            LowestPriorityGrade = current.PriorityGrades.Lowest;
            HighestPriorityGrade = current.PriorityGrades.Highest;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var kept = Statute?.Current().Rules.Criteria.ToDictionary(c => c.Criterion, c => c.OnlyAtSchools) ?? [];
        var request = new StatuteRequest(
            [.. Points.Where(p => p.Value is > 0).Select(p => new CriterionRuleRequest(p.Key, p.Value, kept.GetValueOrDefault(p.Key)))],
            LowestPriorityGrade, HighestPriorityGrade);
        var (criteria, grades, errors) = request.ToRules();
        if (errors.Count == 0)
        {
            var outcome = await statutes.AmendAsync(Site.Id, criteria!, grades!, Caller!.AccountId, cancellationToken, Caller.ToActor());
            if (outcome.Value is { } statute)
            {
                Notice = statute.Versions.Count == (Statute?.Versions.Count ?? 0)
                    ? "Die Regeln sind unverändert; es gilt weiter dieselbe Fassung."
                    : $"Fassung {statute.Current().Rules.Version} der Satzung gilt ab jetzt.";
                return RedirectToPage();
            }

            errors = (outcome.Refusal!.Fields ?? []).GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray());
        }

        foreach (var field in errors.Keys)
        {
            if (field is "criteria")
            {
                Invalid("Points", $"Bitte geben Sie je Kriterium 0 bis {CriterionRule.MaxPoints} Punkte an.");
            }
            else
            {
                Invalid(nameof(LowestPriorityGrade), "Bitte geben Sie die vorrangigen Klassenstufen an (ab 1, von nicht größer als bis).");
            }
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Statute = await statutes.FindAsync(Site.Id, cancellationToken);
        Shown = Fassung is { } version ? Statute?.Find(version) : Statute?.Current();
    }
}
