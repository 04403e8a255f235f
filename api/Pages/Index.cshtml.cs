using WebKita.Api.Pages.Site;
using WebKita.Grains.Offerings;
using WebKita.Grains.Rounds;
using WebKita.Grains.Schools;
using WebKita.Silo.Registration;
using WebKita.Silo.Rounds;
using WebKita.Silo.Schools;

namespace WebKita.Api.Pages;

/// <summary>The county's offerings by school, each with its registration state as of now.</summary>
public sealed class IndexModel(SiteTenant site, SchoolDirectory schools, RegistrationDirectory registration, RoundDirectory rounds, TimeProvider time) : SitePage(site)
{
    /// <summary>Criteria rounds that still take applications, soonest deadline first.</summary>
    public IReadOnlyList<AllocationRound> OpenRounds { get; private set; } = [];

    public IReadOnlyList<(School School, IReadOnlyList<Offering> Offerings)> Schools { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        OpenRounds = [.. (await rounds.ListRoundsAsync(Site.Id, cancellationToken)).Where(r => r.Phase == RoundPhase.Collecting && r.Deadline > now)];
        var offerings = await registration.ListOfferingsAsync(Site.Id, null, cancellationToken);
        Schools = [.. (await schools.ListAsync(Site.Id, cancellationToken))
            .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .Select(s => (s, (IReadOnlyList<Offering>)[.. offerings.Where(o => o.Terms.SchoolId == s.Id).Select(o => o.AsOf(now)).OrderBy(o => o.Terms.Window.Opens)]))
            .Where(s => s.Item2.Count > 0)];
    }
}
