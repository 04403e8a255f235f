using WebKita.Grains.Applications;

namespace WebKita.Bench.Allocation;

/// <summary>
/// What the store holds after a phase, judged against first come, first served: no more places
/// given than the capacity, and in arrival order every allocated application before every
/// waitlisted one (a waitlisted application that arrived before some allocated one is a violation).
/// </summary>
public sealed record AllocationCheck(int Applications, int Allocated, int Waitlisted, int Overbooked, int OrderViolations, int DuplicateArrivals)
{
    public static AllocationCheck Of(IReadOnlyCollection<(ApplicationStatus Status, long Arrival)> applications, int capacity)
    {
        var allocated = applications.Count(a => a.Status == ApplicationStatus.Accepted);
        var lastAllocated = applications.Where(a => a.Status == ApplicationStatus.Accepted).Select(a => a.Arrival).DefaultIfEmpty(long.MinValue).Max();
        return new AllocationCheck(
            applications.Count,
            allocated,
            applications.Count(a => a.Status == ApplicationStatus.Waitlisted),
            Math.Max(0, allocated - capacity),
            applications.Count(a => a.Status == ApplicationStatus.Waitlisted && a.Arrival < lastAllocated),
            applications.Count - applications.Select(a => a.Arrival).Distinct().Count());
    }

    public override string ToString() =>
        $"stored {Applications} (allocated {Allocated}, waitlisted {Waitlisted}), overbooked {Overbooked}, order-violations {OrderViolations}, duplicate arrivals {DuplicateArrivals}";
}
