using WebKita.Api.Pages.Site;
using WebKita.Api.Placements;
using WebKita.Grains.Accounts;
using WebKita.Grains.Rounds;
using WebKita.Grains.Schools;
using WebKita.Silo.Rounds;
using WebKita.Silo.Schools;

namespace WebKita.Api.Pages.Schule;

/// <summary>The caller's schools (a county admin sees all) with each offering's occupancy.</summary>
public sealed class IndexModel(SiteTenant site, SchoolDirectory schools, OccupancyReader occupancy, RoundDirectory rounds) : SitePage(site)
{
    /// <summary>The rounds with an offering at one of the caller's schools.</summary>
    public IReadOnlyList<AllocationRound> Rounds { get; private set; } = [];

    public IReadOnlyList<(School School, SchoolOccupancy Occupancy)> Schools { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var caller = Caller!;
        var list = new List<(School, SchoolOccupancy)>();
        foreach (var school in (await schools.ListAsync(Site.Id, cancellationToken)).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (caller.Role == Role.CountyAdmin || caller.Schools.Contains(school.Id))
            {
                list.Add((school, await occupancy.ReadAsync(Site.Id, school.Id, cancellationToken)));
            }
        }

        Schools = list;
        Rounds = [.. (await rounds.ListRoundsAsync(Site.Id, cancellationToken)).Where(r => r.Offerings.Any(o => caller.ManagesSchool(Site.Id.Value, o.SchoolId)))];
    }
}
