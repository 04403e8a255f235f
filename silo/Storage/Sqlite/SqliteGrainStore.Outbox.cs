using System.Text.Json;
using static WebKita.Silo.Storage.Sqlite.SqliteRows;

namespace WebKita.Silo.Storage.Sqlite;

/// <summary>The outbox of the embedded store: events in sequence order, leased claims, dispatch, and reads for streams.</summary>
public sealed partial class SqliteGrainStore
{
    private volatile Func<OutboxLease>? _leaseEvents;

    public async Task<IReadOnlyList<OutboxEntry>> ClaimOutboxAsync(DateTimeOffset now, TimeSpan lease, int max, Claimant claimant, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var claimed = await Query(
                """
                UPDATE outbox SET claimed_until = $until, claimed_by = $claimant
                WHERE seq IN (
                    SELECT seq FROM outbox
                    WHERE dispatched_at IS NULL AND (claimed_until IS NULL OR claimed_until <= $now OR claimed_by IN (SELECT value FROM json_each($dead)))
                    ORDER BY seq LIMIT $max)
                RETURNING tenant, type, grain_id, occurred_at, payload, seq
                """,
                ClaimParameters(now, lease, max, claimant),
                ReadOutboxEntry,
                cancellationToken);
            return [.. claimed.OrderBy(e => e.Sequence)];
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void LeaseCommittedEvents(Func<OutboxLease>? lease) => _leaseEvents = lease;

    public Task<IReadOnlyList<OutboxEntry>> ReadLeasedOutboxAsync(string claimant, DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        Query(
            "SELECT tenant, type, grain_id, occurred_at, payload, seq FROM outbox WHERE dispatched_at IS NULL AND claimed_by = $claimant AND claimed_until > $now ORDER BY seq LIMIT $max",
            [("$claimant", claimant), ("$now", now.UtcTicks), ("$max", max)],
            ReadOutboxEntry,
            cancellationToken);

    public Task DeferOutboxAsync(IReadOnlyCollection<long> sequences, DateTimeOffset until, CancellationToken cancellationToken) =>
        WriteAsync(
            "UPDATE outbox SET claimed_by = NULL, claimed_until = $until WHERE seq IN (SELECT value FROM json_each($seqs)) AND dispatched_at IS NULL",
            cancellationToken, ("$until", until.UtcTicks), ("$seqs", JsonSerializer.Serialize(sequences)));

    public Task MarkDispatchedAsync(IReadOnlyCollection<long> sequences, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(
            "UPDATE outbox SET dispatched_at = $at WHERE seq IN (SELECT value FROM json_each($seqs))",
            cancellationToken, ("$at", at.UtcTicks), ("$seqs", JsonSerializer.Serialize(sequences)));

    public Task ReleaseOutboxAsync(string claimant, CancellationToken cancellationToken) =>
        WriteAsync(
            "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = $claimant AND dispatched_at IS NULL",
            cancellationToken, ("$claimant", claimant));

    public Task<IReadOnlyList<OutboxEntry>> ReadOutboxAfterAsync(string tenant, string typePrefix, long after, int max, CancellationToken cancellationToken) =>
        Query(
            "SELECT tenant, type, grain_id, occurred_at, payload, seq FROM outbox WHERE seq > $after AND tenant = $tenant AND substr(type, 1, length($prefix)) = $prefix ORDER BY seq LIMIT $max",
            [("$tenant", tenant), ("$after", after), ("$prefix", typePrefix), ("$max", max)],
            ReadOutboxEntry,
            cancellationToken);

    public async Task<long> LastOutboxSequenceAsync(CancellationToken cancellationToken) =>
        (await Query("SELECT coalesce(max(seq), 0) FROM outbox", [], r => r.GetInt64(0), cancellationToken)).Single();

    public Task<IReadOnlyList<OutboxEntry>> ReadEventsAsync(string tenant, Guid grainId, CancellationToken cancellationToken) =>
        Query(
            "SELECT tenant, type, grain_id, occurred_at, payload, seq FROM outbox WHERE tenant = $tenant AND grain_id = $grain ORDER BY seq",
            [("$tenant", tenant), ("$grain", Text(grainId))],
            ReadOutboxEntry,
            cancellationToken);
}
