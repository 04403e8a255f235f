using WebKita.Silo.Storage;

namespace WebKita.Api.Alerts;

/// <summary>
/// Reads a tenant's "sue." events from the store in sequence order, for one stream. Sequences are
/// handed out before commit, so event 7 may become visible after 8 was read; every sequence
/// skipped below the highest one sent is looked for again for <see cref="GapWait"/> (a rolled-back
/// transaction leaves its gap forever, and other tenants' events are gaps here too). Reading from
/// the store, not from a bus in this process, is what lets any api process serve any stream.
/// Not thread-safe: one per stream.
/// </summary>
internal sealed class AlertCursor(IGrainStore store, string tenant, long after, TimeProvider time)
{
    public const string TypePrefix = "sue.";
    public static readonly TimeSpan GapWait = TimeSpan.FromSeconds(10);
    private const int MaxGaps = 10_000;
    private const int Page = 500;

    private readonly SortedDictionary<long, DateTimeOffset> _gaps = [];
    private long _sent = after;

    public async Task<IReadOnlyList<OutboxEntry>> NextAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var expired in _gaps.Where(g => g.Value <= now).Select(g => g.Key).ToList())
        {
            _gaps.Remove(expired);
        }

        var found = new List<OutboxEntry>();
        if (_gaps.Count > 0)
        {
            var late = await store.ReadOutboxAfterAsync(tenant, TypePrefix, _gaps.Keys.First() - 1, Page, cancellationToken);
            found.AddRange(late.Where(e => e.Sequence < _sent && _gaps.Remove(e.Sequence)));
        }

        foreach (var entry in await store.ReadOutboxAfterAsync(tenant, TypePrefix, _sent, Page, cancellationToken))
        {
            for (var missing = _sent + 1; missing < entry.Sequence && _gaps.Count < MaxGaps; missing++)
            {
                _gaps[missing] = now + GapWait;
            }

            _sent = entry.Sequence;
            found.Add(entry);
        }

        return found;
    }
}
