using Microsoft.AspNetCore.Mvc;
using WebKita.Api.Offerings;
using WebKita.Api.Pages.Site;
using WebKita.Api.Problems;
using WebKita.Grains.Offerings;
using WebKita.Grains.Schools;
using WebKita.Silo.Registration;
using WebKita.Silo.Runtime;
using WebKita.Silo.Schools;

namespace WebKita.Api.Pages.Verwaltung;

/// <summary>The county's offerings and a form for a new one; created through the same catalog as POST /offerings.</summary>
public sealed class AngeboteModel(SiteTenant site, SchoolDirectory schools, RegistrationDirectory registration, OfferingCatalog catalog, TimeProvider time) : SitePage(site)
{
    [BindProperty]
    public Guid? SchoolId { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public OfferingKind Kind { get; set; }

    [BindProperty]
    public AllocationMode Mode { get; set; }

    [BindProperty]
    public int? Capacity { get; set; }

    [BindProperty]
    public string? OpensAt { get; set; }

    [BindProperty]
    public string? ClosesAt { get; set; }

    [BindProperty]
    public int? LowestGrade { get; set; } = 1;

    [BindProperty]
    public int? HighestGrade { get; set; } = 4;

    [BindProperty]
    public int? OfferDays { get; set; } = OfferingTerms.DefaultOfferDays;

    [BindProperty]
    public string Key { get; set; } = "";

    public IReadOnlyList<School> Schools { get; private set; } = [];

    public IReadOnlyList<Offering> Offerings { get; private set; } = [];

    public string SchoolName(Guid id) => Schools.FirstOrDefault(s => s.Id == id)?.Name ?? "unbekannte Schule";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Key = Guid.NewGuid().ToString("N");
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var opens = GermanTime.FromLocalInput(OpensAt);
        var closes = GermanTime.FromLocalInput(ClosesAt);
        var request = new OfferingRequest(SchoolId, string.IsNullOrWhiteSpace(Title) ? null : Title.Trim(), Kind, Capacity, opens, closes, LowestGrade, HighestGrade, Mode, OfferDays: OfferDays);
        var id = IdempotencyKey.IdFor(Site.Id, GrainKinds.Offering, Key is { Length: > 0 and <= 64 } ? Key : Guid.NewGuid().ToString("N"));
        var (reply, errors) = await catalog.CreateAsync(Caller!, id, request, cancellationToken);
        foreach (var field in errors.Keys)
        {
            Invalid(FieldOf(field), Message(field));
        }

        if (reply?.Refusal is { Code: not "offering.exists" } refusal)
        {
            foreach (var problem in refusal.Fields ?? [new("", "")])
            {
                Invalid(FieldOf(problem.Field), Message(problem.Field));
            }
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        Notice = $"Das Angebot „{Title?.Trim()}“ ist angelegt.";
        return RedirectToPage();
    }

    private static string FieldOf(string field) => field switch
    {
        "schoolId" => nameof(SchoolId),
        "title" => nameof(Title),
        "capacity" => nameof(Capacity),
        "opensAt" or "window" => nameof(OpensAt),
        "closesAt" => nameof(ClosesAt),
        "lowestGrade" or "grades" => nameof(LowestGrade),
        "highestGrade" => nameof(HighestGrade),
        "offerDays" => nameof(OfferDays),
        _ => "",
    };

    private static string Message(string field) => field switch
    {
        "schoolId" => "Bitte wählen Sie eine Schule.",
        "title" => "Bitte geben Sie einen Titel an (höchstens 200 Zeichen).",
        "capacity" => "Bitte geben Sie eine Platzzahl von 0 oder mehr an.",
        "opensAt" or "window" => "Bitte geben Sie Beginn und Ende der Anmeldung an; das Ende muss nach dem Beginn liegen.",
        "closesAt" => "Bitte geben Sie das Ende der Anmeldung an.",
        "lowestGrade" or "grades" or "highestGrade" => "Bitte geben Sie die Klassenstufen an (1 bis 13, von nicht größer als bis).",
        "offerDays" => "Die Antwortfrist muss 1 bis 60 Tage betragen.",
        _ => "Das Angebot konnte so nicht angelegt werden. Bitte prüfen Sie die Angaben.",
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Schools = [.. (await schools.ListAsync(Site.Id, cancellationToken)).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)];
        Offerings = [.. (await registration.ListOfferingsAsync(Site.Id, null, cancellationToken))
            .Select(o => o.AsOf(now)).OrderBy(o => SchoolName(o.Terms.SchoolId), StringComparer.OrdinalIgnoreCase).ThenBy(o => o.Terms.Window.Opens)];
    }
}
