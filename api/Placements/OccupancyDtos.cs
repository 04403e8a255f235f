using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;
using WebKita.Silo.Registration;

namespace WebKita.Api.Placements;

/// <summary>
/// One offering's places and applications. <see cref="Allocated"/> counts every held place
/// (<see cref="Offered"/> + <see cref="Accepted"/> + <see cref="Confirmed"/>), first come first
/// served and in rounds alike. For an offering in an allocation round the round owns the places:
/// the capacity is the round's (staff change it there) and <see cref="Waitlisted"/> is the length
/// of the round's waitlist. The counts come from one read of the applications, so they agree with
/// each other even while applications change.
/// </summary>
/// <param name="RoundId">The latest round the offering is allocated in, or null for an offering outside rounds.</param>
public sealed record OfferingOccupancy(
    Guid Id, string Title, Guid? RoundId, int Capacity, int Allocated, int Offered, int Accepted, int Confirmed, int FreePlaces,
    int Waitlisted, int Submitted, int Withdrawn)
{
    public static OfferingOccupancy From(Offering offering, IReadOnlyList<ApplicationView> applications, IReadOnlyList<RoundPlaces> rounds)
    {
        var held = applications.Select(v => v.Application.Status).Where(s => s.HoldsPlace())
            .Concat(rounds.SelectMany(r => r.Holding).Select(a => a.Status)).ToList();
        int Count(ApplicationStatus status) => applications.Count(v => v.Application.Status == status);
        var capacity = rounds.Count > 0 ? rounds[^1].Place.Capacity : offering.Terms.Capacity;
        return new OfferingOccupancy(
            offering.Id, offering.Terms.Title, rounds.Count > 0 ? rounds[^1].Round.Id : null, capacity, held.Count,
            held.Count(s => s == ApplicationStatus.Offered), held.Count(s => s == ApplicationStatus.Accepted), held.Count(s => s == ApplicationStatus.Confirmed),
            Math.Max(0, capacity - held.Count),
            Count(ApplicationStatus.Waitlisted) + rounds.Sum(r => r.Place.Waitlist.Count),
            Count(ApplicationStatus.Submitted) + rounds.Sum(r => r.AskedFor(ApplicationStatus.Submitted)),
            Count(ApplicationStatus.Withdrawn) + rounds.Sum(r => r.AskedFor(ApplicationStatus.Withdrawn)));
    }
}

/// <summary>
/// A school's totals over its offerings, and each offering's figures. A child waiting at two of
/// the school's round offerings counts on both waitlists: these are waitlist entries, not children.
/// </summary>
public sealed record SchoolOccupancy(
    Guid SchoolId, int Capacity, int Allocated, int Offered, int Accepted, int Confirmed, int FreePlaces, int Waitlisted, int Submitted, int Withdrawn,
    IReadOnlyList<OfferingOccupancy> Offerings)
{
    /// <summary>Free places are summed per offering: an overbooked offering does not take places from another.</summary>
    public static SchoolOccupancy Of(Guid schoolId, IReadOnlyList<OfferingOccupancy> offerings) => new(
        schoolId,
        offerings.Sum(o => o.Capacity),
        offerings.Sum(o => o.Allocated),
        offerings.Sum(o => o.Offered),
        offerings.Sum(o => o.Accepted),
        offerings.Sum(o => o.Confirmed),
        offerings.Sum(o => o.FreePlaces),
        offerings.Sum(o => o.Waitlisted),
        offerings.Sum(o => o.Submitted),
        offerings.Sum(o => o.Withdrawn),
        offerings);
}
