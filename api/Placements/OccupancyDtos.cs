using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;
using WebKita.Silo.Registration;

namespace WebKita.Api.Placements;

/// <summary>
/// One offering's places and applications. The counts come from one read of the applications,
/// so they agree with each other even while applications change; the offering's own counters
/// are read separately and could be one commit ahead.
/// </summary>
public sealed record OfferingOccupancy(Guid Id, string Title, int Capacity, int Allocated, int FreePlaces, int Waitlisted, int Submitted, int Withdrawn)
{
    public static OfferingOccupancy From(Offering offering, IReadOnlyList<ApplicationView> applications)
    {
        int Count(ApplicationStatus status) => applications.Count(v => v.Application.Status == status);
        var allocated = Count(ApplicationStatus.Accepted);
        return new OfferingOccupancy(
            offering.Id, offering.Terms.Title, offering.Terms.Capacity, allocated, Math.Max(0, offering.Terms.Capacity - allocated),
            Count(ApplicationStatus.Waitlisted), Count(ApplicationStatus.Submitted), Count(ApplicationStatus.Withdrawn));
    }
}

/// <summary>A school's totals over its offerings, and each offering's figures.</summary>
public sealed record SchoolOccupancy(
    Guid SchoolId, int Capacity, int Allocated, int FreePlaces, int Waitlisted, int Submitted, int Withdrawn, IReadOnlyList<OfferingOccupancy> Offerings)
{
    /// <summary>Free places are summed per offering: an overbooked offering does not take places from another.</summary>
    public static SchoolOccupancy Of(Guid schoolId, IReadOnlyList<OfferingOccupancy> offerings) => new(
        schoolId,
        offerings.Sum(o => o.Capacity),
        offerings.Sum(o => o.Allocated),
        offerings.Sum(o => o.FreePlaces),
        offerings.Sum(o => o.Waitlisted),
        offerings.Sum(o => o.Submitted),
        offerings.Sum(o => o.Withdrawn),
        offerings);
}
