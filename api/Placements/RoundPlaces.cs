using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Rounds;
using WebKita.Silo.Rounds;

namespace WebKita.Api.Placements;

/// <summary>
/// One offering's places inside an allocation round, with the round's applications: a round owns
/// the places of its offerings (capacity and waitlist), so class lists and occupancy read them here.
/// </summary>
public sealed record RoundPlaces(AllocationRound Round, RoundOffering Place, IReadOnlyList<RankedApplication> Applications)
{
    /// <summary>The applications holding a place in this offering (offered, accepted or confirmed).</summary>
    public IEnumerable<RankedApplication> Holding => Applications.Where(a => a.Status.HoldsPlace() && a.OfferingId == Place.OfferingId);

    /// <summary>The applications that asked for this offering and are in <paramref name="status"/>.</summary>
    public int AskedFor(ApplicationStatus status) => Applications.Count(a => a.Status == status && a.Preferences.Contains(Place.OfferingId));

    /// <summary>Every round offering at the school, by offering, in deadline order; each round's applications are read once.</summary>
    public static async Task<ILookup<Guid, RoundPlaces>> AtSchoolAsync(TenantId tenant, Guid schoolId, RoundDirectory rounds, CancellationToken cancellationToken)
    {
        var places = new List<RoundPlaces>();
        foreach (var round in await rounds.ListRoundsAsync(tenant, cancellationToken))
        {
            var atSchool = round.Offerings.Where(o => o.SchoolId == schoolId).ToList();
            if (atSchool.Count == 0)
            {
                continue;
            }

            var applications = await rounds.ListApplicationsAsync(tenant, round.Id, cancellationToken);
            places.AddRange(atSchool.Select(o => new RoundPlaces(round, o, applications)));
        }

        return places.ToLookup(p => p.Place.OfferingId);
    }
}
