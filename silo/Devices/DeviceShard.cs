using WebKita.Grains.Common;
using WebKita.Grains.Devices;
using WebKita.Silo.Alarms;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Devices;

/// <summary>
/// One turn at a time for a fixed share of all devices, hosted by its <see cref="DeviceShardGrain"/>.
/// A turn takes everything queued for any of its devices, decides it in arrival order on the cached
/// states, and commits every changed device, event and reminder in one change set (the stores write
/// a change set set-based), so telemetry costs a fraction of a transaction per message. The cache
/// is touched only by the turn loop.
/// </summary>
internal sealed class DeviceShard : IAsyncDisposable
{
    private readonly IGrainStore _store;
    private readonly AlarmProfileDirectory _profiles;
    private readonly Mailbox<ShardRequest, IReadOnlyList<Outcome<DeviceStep>>> _mailbox;
    // Saved: the ring's Total as the store's message id chunks hold it; ids from there on are new.
    private readonly Dictionary<GrainKey, (long Version, Device? State, long Saved)> _cache = [];

    public DeviceShard(IGrainStore store, AlarmProfileDirectory profiles, SiloOptions options)
    {
        _store = store;
        _profiles = profiles;
        _mailbox = new(TurnAsync, options.MaxBatch, options.MailboxCapacity);
    }

    public Task<IReadOnlyList<Outcome<DeviceStep>>> PostAsync(ShardRequest request, CancellationToken cancellationToken) => _mailbox.PostAsync(request, cancellationToken);

    private Task<IReadOnlyList<IReadOnlyList<Outcome<DeviceStep>>>> TurnAsync(IReadOnlyList<ShardRequest> requests, CancellationToken cancellationToken) =>
        StaleRetry.RunAsync(() => DecideAndCommitAsync(requests, cancellationToken), () => Forget(requests));

    private async Task<IReadOnlyList<IReadOnlyList<Outcome<DeviceStep>>>> DecideAndCommitAsync(IReadOnlyList<ShardRequest> requests, CancellationToken cancellationToken)
    {
        await LoadMissingAsync(requests, cancellationToken);
        // A device's state as the turn's decisions leave it, its ring of ids added to in place
        // (MessageIdRing.ForTurn): the cache keeps the committed state until the commit succeeds.
        var working = new Dictionary<GrainKey, Device>();
        var changed = new HashSet<GrainKey>();
        var outcomes = new List<IReadOnlyList<Outcome<DeviceStep>>>(requests.Count);
        var events = new List<OutboxEntry>();
        var reminders = new Dictionary<(GrainKey, string), Reminder>();
        var fired = new List<Reminder>();
        foreach (var request in requests)
        {
            if (request.Fired is { } reminder)
            {
                fired.Add(reminder);
            }

            var answers = new List<Outcome<DeviceStep>>(request.Decisions.Length);
            foreach (var decision in request.Decisions)
            {
                if (!working.TryGetValue(request.Key, out var device))
                {
                    if (Cached(request.Key).State is not { } cached)
                    {
                        answers.Add(new Refusal("device.unknown", $"No device is registered as {request.Key}."));
                        continue;
                    }

                    device = working[request.Key] = cached with { Recent = cached.Recent.ForTurn() };
                }

                var outcome = decision.Decide(device, await _profiles.ForAsync(device, cancellationToken));
                if (outcome.Value is { } step)
                {
                    if (!ReferenceEquals(step.State, device))
                    {
                        working[request.Key] = step.State;
                        changed.Add(request.Key);
                    }

                    events.AddRange(step.Events.Select(e => new OutboxEntry(request.Key.Tenant, e.Type, e.GrainId, e.OccurredAt, GrainJson.Serialize(e.Data))));
                    foreach (var wakeUp in step.WakeUps)
                    {
                        reminders[(request.Key, wakeUp.Name)] = new Reminder(request.Key, wakeUp.Name, wakeUp.At);
                    }
                }

                answers.Add(outcome);
            }

            outcomes.Add(answers);
        }

        foreach (var key in changed)
        {
            working[key].Recent.Freeze();
        }

        var writes = changed.Select(key => new GrainWrite(key, Cached(key).Version, GrainJson.Serialize(working[key]), working[key].BuildingId)).ToList();
        var chunks = writes.SelectMany(w => Unsaved(w.Key, working[w.Key].Recent)).ToList();
        if (writes.Count + events.Count + reminders.Count + fired.Count > 0)
        {
            await _store.CommitAsync(new ChangeSet(writes, events, [.. reminders.Values], fired, MessageIds: chunks), cancellationToken);
        }

        foreach (var write in writes)
        {
            var device = working[write.Key];
            _cache[write.Key] = (write.ExpectedVersion + 1, device, device.Recent.Total);
        }

        return outcomes;
    }

    private async Task LoadMissingAsync(IReadOnlyList<ShardRequest> requests, CancellationToken cancellationToken)
    {
        foreach (var group in requests.Select(r => r.Key).Where(k => !_cache.ContainsKey(k)).Distinct().GroupBy(k => k.Tenant))
        {
            var keys = group.ToList();
            var found = (await _store.ReadManyAsync(group.Key, GrainKinds.Device, [.. keys.Select(k => k.Id)], cancellationToken))
                .ToDictionary(s => s.Key, s => (s.Version, Device: GrainJson.Deserialize<Device>(s.State)));
            // Read after the devices: a commit in between writes chunks at a total beyond the device's
            // Total; its version is stale then, and the turn is decided again on fresh reads.
            var unrestored = found.Where(f => !f.Value.Device.Recent.HoldsAll).Select(f => f.Key.Id).ToList();
            var chunks = (unrestored.Count == 0 ? [] : await _store.ReadMessageIdsAsync(group.Key, GrainKinds.Device, unrestored, cancellationToken)).ToLookup(m => m.Grain);
            foreach (var key in keys)
            {
                // An unknown device is not cached: it may be registered any moment, in any process.
                if (found.TryGetValue(key, out var stored))
                {
                    // A ring still held whole in the JSON (stored before slots) is saved to chunks by the next commit.
                    var ring = stored.Device.Recent;
                    _cache[key] = ring.HoldsAll
                        ? (stored.Version, stored.Device, ring.Total - ring.Count)
                        : (stored.Version, stored.Device with { Recent = MessageIdChunk.Restore(ring, chunks[key]) ?? throw new StaleWriteException(key, stored.Version) }, ring.Total);
                }
            }
        }

    }

    /// <summary>The chunks of the device's ring that took ids since the store last saved it.</summary>
    private IEnumerable<MessageIdChunk> Unsaved(GrainKey key, MessageIdRing ring) =>
        ring.ChunksSince(Cached(key).Saved).Select(c => new MessageIdChunk(key, c.Chunk, ring.Total, c.Hashes));

    private (long Version, Device? State, long Saved) Cached(GrainKey key) => _cache.TryGetValue(key, out var cached) ? cached : (0, null, 0);

    private void Forget(IReadOnlyList<ShardRequest> requests)
    {
        foreach (var request in requests)
        {
            _cache.Remove(request.Key);
        }
    }

    public ValueTask DisposeAsync() => _mailbox.DisposeAsync();
}
