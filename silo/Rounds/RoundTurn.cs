using WebKita.Grains.Common;
using WebKita.Grains.Rounds;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Rounds;

/// <summary>
/// The working set of one turn of a round: the round and the applications it touched, each with
/// the version it was read at. Reads of applications are consistent because every change to them
/// goes through the round's turn, and the round's version check guards the whole commit.
/// </summary>
internal sealed class RoundTurn(IGrainStore store, TenantId tenant, Guid roundId, long roundVersion, AllocationRound? round, DateTimeOffset now)
{
    private const int ParallelFrom = 512;

    private readonly Dictionary<Guid, (long Version, RankedApplication? Application)> _applications = [];
    private readonly Dictionary<Guid, string> _aliases = [];
    private readonly HashSet<Guid> _changed = [];
    private bool _allLoaded;

    public AllocationRound? Round { get; set; } = round;

    public DateTimeOffset Now { get; } = now;

    public List<DomainEvent> Events { get; } = [];

    public List<Reminder> RemindersSet { get; } = [];

    public List<Reminder> RemindersFired { get; } = [];

    public List<AuditEntry> Audit { get; } = [];

    public long RoundVersion => roundVersion;

    public GrainKey Key => new(tenant.Value, GrainKinds.Round, roundId);

    /// <summary>Reads these applications in one round trip (a batch of submissions), so each decision finds them at hand.</summary>
    public async Task PreloadAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var missing = ids.Where(id => !_applications.ContainsKey(id)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        foreach (var stored in await store.ReadManyAsync(tenant.Value, GrainKinds.RankedApplication, missing, cancellationToken))
        {
            _applications[stored.Key.Id] = (stored.Version, GrainJson.Deserialize<RankedApplication>(stored.State));
        }

        foreach (var id in missing.Where(id => !_applications.ContainsKey(id)))
        {
            _applications[id] = (0, null);
        }
    }

    public async Task<RankedApplication?> ApplicationAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!_applications.TryGetValue(id, out var known))
        {
            var stored = await store.ReadAsync(new GrainKey(tenant.Value, GrainKinds.RankedApplication, id), cancellationToken);
            known = stored is null ? (0, null) : (stored.Version, GrainJson.Deserialize<RankedApplication>(stored.State));
            _applications[id] = known;
        }

        return known.Application is { } application && application.RoundId == roundId ? application : null;
    }

    /// <summary>Every application of the round, as stored or as changed in this turn (the run and offer expiry need them all).</summary>
    public async Task<IReadOnlyList<RankedApplication>> AllApplicationsAsync(CancellationToken cancellationToken)
    {
        if (!_allLoaded)
        {
            var stored = await store.ListAsync(tenant.Value, GrainKinds.RankedApplication, roundId, cancellationToken);
            var parsed = InParallel(stored.Count, i => GrainJson.Deserialize<RankedApplication>(stored[i].State));
            for (var i = 0; i < stored.Count; i++)
            {
                _applications.TryAdd(stored[i].Key.Id, (stored[i].Version, parsed[i]));
            }

            _allLoaded = true;
        }

        return [.. _applications.Values.Select(a => a.Application).OfType<RankedApplication>()];
    }

    public async Task<RankedApplication?> ApplicationWithAliasAsync(string alias, CancellationToken cancellationToken)
    {
        if (_aliases.FirstOrDefault(a => a.Value == alias) is { Value: not null } known)
        {
            return _applications[known.Key].Application;
        }

        return await store.ReadByAliasAsync(tenant.Value, GrainKinds.RankedApplication, alias, cancellationToken) is { } stored
            ? await ApplicationAsync(stored.Key.Id, cancellationToken)
            : null;
    }

    public void Apply(RoundChange change, string? alias = null)
    {
        Round = change.Round;
        foreach (var application in change.Changed)
        {
            Put(application, alias);
        }

        Events.AddRange(change.Events);
    }

    /// <summary>How many application changes this turn recorded so far (to tell whether a command changed anything).</summary>
    public int Puts { get; private set; }

    public void Put(RankedApplication application, string? alias = null)
    {
        Puts++;
        _applications[application.Id] = (_applications.TryGetValue(application.Id, out var known) ? known.Version : 0, application);
        _changed.Add(application.Id);
        if (alias is not null)
        {
            _aliases.TryAdd(application.Id, alias);
        }
    }

    public bool HasChanges(AllocationRound? started) => !ReferenceEquals(started, Round) || _changed.Count > 0 || RemindersFired.Count > 0;

    public ChangeSet ToChangeSet()
    {
        var changed = _changed.Order().ToArray();
        var writes = new List<GrainWrite>(changed.Length + 1) { new(Key, roundVersion, GrainJson.Serialize(Round)) };
        writes.AddRange(InParallel(changed.Length, i =>
        {
            var id = changed[i];
            var (version, application) = _applications[id];
            return new GrainWrite(new GrainKey(tenant.Value, GrainKinds.RankedApplication, id), version, GrainJson.Serialize(application), roundId, _aliases.GetValueOrDefault(id));
        }));
        var events = InParallel(Events.Count, i => new OutboxEntry(tenant.Value, Events[i].Type, Events[i].GrainId, Events[i].OccurredAt, GrainJson.Serialize(Events[i].Data)));
        return new ChangeSet(writes, events, RemindersSet, RemindersFired, Audit);
    }

    /// <summary>
    /// The run reads and writes a whole round (50,000 applications) in one turn: parsing and
    /// writing JSON is most of its time in process, and each item is independent, so every core
    /// takes part. Ordinary turns touch a few items and stay on the calling thread. Results keep
    /// their order, so the change set is the same either way.
    /// </summary>
    private static T[] InParallel<T>(int count, Func<int, T> item)
    {
        var items = new T[count];
        if (count < ParallelFrom)
        {
            for (var i = 0; i < count; i++)
            {
                items[i] = item(i);
            }
        }
        else
        {
            Parallel.For(0, count, i => items[i] = item(i));
        }

        return items;
    }
}
