using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using WebKita.Api.Accounts;
using WebKita.Api.Pages.Site;
using WebKita.Api.Rounds;
using WebKita.Grains.Accounts;
using WebKita.Grains.Allocation;
using WebKita.Grains.Rounds;
using WebKita.Silo.Accounts;
using WebKita.Silo.Registration;
using WebKita.Silo.Rounds;
using WebKita.Silo.Schools;
using WebKita.Silo.Statutes;

namespace WebKita.Api.Pages.Familie;

/// <summary>
/// The application to a criteria round: a child of the family, its grade, offerings ranked by
/// preference, and the claims the county's statute gives points for. Submitted through the same
/// desk as POST /rounds/{id}/applications; the form's key makes a resent form find the same application.
/// </summary>
[EnableRateLimiting(RateLimits.Submit)]
public sealed class RundeModel(
    SiteTenant site, RoundDirectory rounds, RegistrationDirectory registration, SchoolDirectory schools, StatuteDirectory statutes,
    AccountDirectory accounts, RoundApplicationDesk desk, TimeProvider time) : SitePage(site)
{
    public const int MaxWishes = 3;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public Guid? ChildId { get; set; }

    [BindProperty]
    public int? Grade { get; set; }

    /// <summary>Offerings by preference: the first wish first; empty entries are skipped.</summary>
    [BindProperty]
    public List<Guid?> Wishes { get; set; } = [];

    [BindProperty]
    public GuardianActivity FirstGuardian { get; set; }

    [BindProperty]
    public GuardianActivity SecondGuardian { get; set; }

    [BindProperty]
    public bool SingleParent { get; set; }

    [BindProperty]
    public bool Hardship { get; set; }

    [BindProperty]
    public string Key { get; set; } = "";

    public AllocationRound Round { get; private set; } = null!;

    public bool IsOpen { get; private set; }

    public IReadOnlyList<(Guid Id, string Label)> Choices { get; private set; } = [];

    public IReadOnlyList<FamilyChild> Children { get; private set; } = [];

    /// <summary>Points per criterion in the statute now in force; a claim is asked for only when it earns points.</summary>
    public IReadOnlyDictionary<Criterion, int> Points { get; private set; } = new Dictionary<Criterion, int>();

    public int WishCount => Math.Min(MaxWishes, Choices.Count);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Key = Guid.NewGuid().ToString("N");
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var wishes = Wishes.OfType<Guid>().ToList();
        if (wishes.Count == 0)
        {
            Invalid("Wishes", "Bitte wählen Sie mindestens einen Wunsch.");
        }
        else if (wishes.Distinct().Count() != wishes.Count)
        {
            Invalid("Wishes", "Bitte nennen Sie jedes Angebot nur einmal.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var guardians = new[] { FirstGuardian, SecondGuardian };
        var claims = new ClaimsRequest(SecondGuardian == GuardianActivity.None ? guardians[..1] : guardians, SingleParent, Hardship);
        var request = new RankedApplicationRequest(null, ChildId, Grade, null, wishes, claims, null);
        var (reply, errors) = await desk.SubmitAsync(Caller!, Id, Key is { Length: > 0 and <= 64 } ? Key : Guid.NewGuid().ToString("N"), request, cancellationToken);
        if (reply is null)
        {
            foreach (var (field, messages) in errors)
            {
                Invalid(field == "childId" ? nameof(ChildId) : nameof(Grade), GermanFieldMessages.For(field, string.Join(" ", messages)));
            }

            return Page();
        }

        if (reply.Refusal is { } refusal)
        {
            Invalid(refusal.Code == "application.preferences_invalid" ? "Wishes" : "", refusal.Code switch
            {
                "registration.closed" or "round.allocated" => "Die Bewerbungsfrist ist abgelaufen; die Plätze werden gerade oder wurden schon vergeben.",
                "application.preferences_invalid" => "Das Kind kann nicht für jedes gewählte Angebot angemeldet werden: bitte prüfen Sie Klassenstufe und Wünsche.",
                _ => "Die Bewerbung ist nicht möglich. Bitte prüfen Sie die Angaben oder wenden Sie sich an die Schule.",
            });
            return Page();
        }

        var child = Children.First(c => c.Id == ChildId);
        Notice = reply.Created
            ? $"Die Bewerbung für {child.FirstName} ist eingegangen. Die Plätze werden am {GermanTime.Format(Round.Deadline)} vergeben."
            : $"Für {child.FirstName} liegt bereits eine Bewerbung in dieser Runde vor; sie gilt weiter.";
        return RedirectToPage("/Familie/Index");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await rounds.FindRoundAsync(Site.Id, Id, cancellationToken) is not { } round)
        {
            return false;
        }

        Round = round;
        IsOpen = round.Phase == RoundPhase.Collecting && time.GetUtcNow() < round.Deadline;
        var schoolNames = (await schools.ListAsync(Site.Id, cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
        var choices = new List<(Guid, string)>();
        foreach (var place in round.Offerings)
        {
            if (await registration.FindOfferingAsync(Site.Id, place.OfferingId, cancellationToken) is { } offering)
            {
                choices.Add((offering.Id, $"{offering.Terms.Title}, {schoolNames.GetValueOrDefault(place.SchoolId, "Schule")} (Klassen {place.Grades.Lowest} bis {place.Grades.Highest})"));
            }
        }

        Choices = choices;
        Children = (await accounts.FindAsync(Site.Id, Caller!.AccountId, cancellationToken))?.Children ?? [];
        Points = (await statutes.FindAsync(Site.Id, cancellationToken))?.Current().Rules.Criteria.Where(c => c.Points > 0).ToDictionary(c => c.Criterion, c => c.Points)
            ?? new Dictionary<Criterion, int>();
        return true;
    }
}
