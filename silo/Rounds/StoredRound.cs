using WebKita.Grains.Rounds;

namespace WebKita.Silo.Rounds;

/// <summary>
/// A round as read from the store: its head's version, which guards every commit of the round,
/// and the version of each offering's row (absent: not stored as a row of its own yet).
/// </summary>
internal sealed record StoredRound(long Version, AllocationRound Round, IReadOnlyDictionary<Guid, long> OfferingVersions)
{
    /// <summary>What the store holds after a commit that wrote the head and the offerings <paramref name="written"/>.</summary>
    public static StoredRound Committed(StoredRound? started, AllocationRound round, IReadOnlyCollection<Guid> written) => new(
        (started?.Version ?? 0) + 1,
        round,
        round.Offerings.ToDictionary(
            o => o.OfferingId,
            o => (started?.OfferingVersions.GetValueOrDefault(o.OfferingId) ?? 0) + (written.Contains(o.OfferingId) ? 1 : 0)));
}
