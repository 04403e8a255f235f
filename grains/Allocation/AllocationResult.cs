using WebKita.Grains.Common;

namespace WebKita.Grains.Allocation;

/// <summary>
/// The outcome of one allocation run. <paramref name="Placements"/> follow the order of the
/// applicants given; <paramref name="Shortfalls"/> lists only schools that lack places, by id.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.AllocationResult")]
public sealed record AllocationResult(
    TenantId Tenant,
    int RulesVersion,
    string Seed,
    IReadOnlyList<Placement> Placements,
    IReadOnlyList<SchoolShortfall> Shortfalls);
