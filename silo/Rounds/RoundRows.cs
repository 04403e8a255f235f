using System.Security.Cryptography;
using WebKita.Grains.Common;
using WebKita.Grains.Rounds;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Rounds;

/// <summary>
/// How a round is stored: a small head (the round without its offerings: phase, arrivals, the
/// published run) and one row per offering under it (capacity, held places, waitlist, the run's
/// record). A commit rewrites the head, whose version guards the whole commit, and only the
/// offerings the turn changed: a submission before the deadline writes the head alone, an
/// answered offer the offerings whose places or waitlists moved. A round stored whole (offerings
/// inside the head, as before) reads the same; its next commit moves the offerings into rows.
/// </summary>
internal static class RoundRows
{
    public static GrainKey HeadKey(TenantId tenant, Guid roundId) => new(tenant.Value, GrainKinds.Round, roundId);

    /// <summary>The round, consistent across its rows: read again if a commit landed between the head and the offerings.</summary>
    public static async Task<StoredRound?> ReadAsync(IGrainStore store, TenantId tenant, Guid roundId, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await store.ReadAsync(HeadKey(tenant, roundId), cancellationToken) is not { } head)
            {
                return null;
            }

            var rows = await store.ListAsync(tenant.Value, GrainKinds.RoundOffering, roundId, cancellationToken);
            if ((await store.ReadAsync(head.Key, cancellationToken))?.Version == head.Version)
            {
                return Compose(head, rows.Select(r => (r.Version, GrainJson.Deserialize<OfferingRow>(r.State))));
            }
        }
    }

    /// <summary>A tenant's rounds (a few a year) with their offerings, in two queries.</summary>
    public static async Task<IReadOnlyList<AllocationRound>> ListAsync(IGrainStore store, TenantId tenant, CancellationToken cancellationToken)
    {
        var heads = await store.ListAsync(tenant.Value, GrainKinds.Round, null, cancellationToken);
        var rows = (await store.ListAsync(tenant.Value, GrainKinds.RoundOffering, null, cancellationToken))
            .Select(r => (r.Version, Row: GrainJson.Deserialize<OfferingRow>(r.State))).ToLookup(r => r.Row.RoundId);
        return [.. heads.Select(head => Compose(head, rows[head.Key.Id]).Round)];
    }

    /// <summary>The head, always (its version guards the commit), and every offering that differs from what the turn started from.</summary>
    public static (List<GrainWrite> Writes, List<Guid> Offerings) Writes(StoredRound? started, AllocationRound round)
    {
        var writes = new List<GrainWrite> { new(HeadKey(round.Tenant, round.Id), started?.Version ?? 0, GrainJson.Serialize(round with { Offerings = [] })) };
        var offerings = new List<Guid>();
        for (var position = 0; position < round.Offerings.Count; position++)
        {
            var offering = round.Offerings[position];
            long version = 0;
            var unchanged = started is not null
                && started.OfferingVersions.TryGetValue(offering.OfferingId, out version)
                && position < started.Round.Offerings.Count
                && Equals(started.Round.Offerings[position], offering);
            if (!unchanged)
            {
                writes.Add(new GrainWrite(
                    new GrainKey(round.Tenant.Value, GrainKinds.RoundOffering, OfferingRowId(round.Id, offering.OfferingId)),
                    version,
                    GrainJson.Serialize(new OfferingRow(round.Id, position, offering)),
                    round.Id));
                offerings.Add(offering.OfferingId);
            }
        }

        return (writes, offerings);
    }

    private static StoredRound Compose(StoredGrain head, IEnumerable<(long Version, OfferingRow Row)> rows)
    {
        var round = GrainJson.Deserialize<AllocationRound>(head.State);
        var ordered = rows.OrderBy(r => r.Row.Position).ToList();
        return ordered.Count == 0
            ? new StoredRound(head.Version, round, new Dictionary<Guid, long>()) // stored whole: the offerings are in the head
            : new StoredRound(head.Version, round with { Offerings = [.. ordered.Select(r => r.Row.Offering)] }, ordered.ToDictionary(r => r.Row.Offering.OfferingId, r => r.Version));
    }

    /// <summary>An offering may be part of several rounds: its row's id is derived from both.</summary>
    private static Guid OfferingRowId(Guid roundId, Guid offeringId)
    {
        Span<byte> ids = stackalloc byte[32];
        roundId.TryWriteBytes(ids[..16]);
        offeringId.TryWriteBytes(ids[16..]);
        var hash = SHA256.HashData(ids);
        hash[7] = (byte)((hash[7] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <summary>One offering's row: its round (to list a tenant's rounds at once) and its place in the round's order.</summary>
    private sealed record OfferingRow(Guid RoundId, int Position, RoundOffering Offering);
}
