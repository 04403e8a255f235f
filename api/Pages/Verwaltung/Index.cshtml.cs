using Microsoft.AspNetCore.Mvc;
using WebKita.Api.Pages.Site;
using WebKita.Api.Problems;
using WebKita.Grains.Schools;
using WebKita.Silo.Runtime;
using WebKita.Silo.Schools;

namespace WebKita.Api.Pages.Verwaltung;

/// <summary>The county's start page: where everything it manages is, and its schools with a form for a new one.</summary>
public sealed class IndexModel(SiteTenant site, SchoolDirectory schools) : SitePage(site)
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string Key { get; set; } = "";

    public IReadOnlyList<School> Schools { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Key = Guid.NewGuid().ToString("N");
        await LoadAsync(cancellationToken);
    }

    /// <summary>The form's key names the school, so a resent form finds the school it made instead of a second one.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Key is not { Length: > 0 and <= 64 })
        {
            Key = Guid.NewGuid().ToString("N");
        }

        var id = IdempotencyKey.IdFor(Site.Id, GrainKinds.School, Key);
        var outcome = await schools.CreateAsync(Site.Id, id, Name?.Trim() ?? "", string.IsNullOrWhiteSpace(Address) ? null : Address.Trim(), cancellationToken, Caller!.ToActor());
        if (outcome.Refusal is { Code: not "school.exists" })
        {
            Invalid(nameof(Name), "Bitte geben Sie den Namen der Schule an (höchstens 200 Zeichen); die Adresse darf höchstens 1.000 Zeichen haben.");
            await LoadAsync(cancellationToken);
            return Page();
        }

        Notice = $"Die Schule „{Name?.Trim()}“ ist angelegt.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Schools = [.. (await schools.ListAsync(Site.Id, cancellationToken)).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)];
}
