using WebKita.Grains.Common;
using WebKita.Grains.Rounds;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Rounds;

/// <summary>
/// The working set of one turn of a round: the round and the applications it touched, each with
/// the versions it was read at. Reads of applications are consistent because every change to them
/// goes through the round's turn, and the round's version check guards the whole commit.
/// </summary>
internal sealed class RoundTurn(IGrainStore store, TenantId tenant, Guid roundId, StoredRound? started, DateTimeOffset now)
{
    private readonly Dictionary<Guid, (StoredRankedApplication? Stored, RankedApplication? Application)> _applications = [];
    private readonly Dictionary<Guid, string> _aliases = [];
    private readonly HashSet<Guid> _changed = [];
    private bool _allLoaded;

    public AllocationRound? Round { get; set; } = started?.Round;

    public DateTimeOffset Now { get; } = now;

    public List<DomainEvent> Events { get; } = [];

    public List<Reminder> RemindersSet { get; } = [];

    public List<Reminder> RemindersFired { get; } = [];

    public List<AuditEntry> Audit { get; } = [];

    public long RoundVersion => started?.Version ?? 0;

    public GrainKey Key => RoundRows.HeadKey(tenant, roundId);

    /// <summary>The offerings whose rows <see cref="ToChangeSet"/> wrote.</summary>
    public IReadOnlyCollection<Guid> OfferingsWritten { get; private set; } = [];

    /// <summary>Reads these applications in one round trip (a batch of submissions), so each decision finds them at hand.</summary>
    public async Task PreloadAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var missing = ids.Where(id => !_applications.ContainsKey(id)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        foreach (var stored in await RankedApplicationRows.ReadManyAsync(store, tenant, missing, cancellationToken))
        {
            _applications[stored.Application.Id] = (stored, stored.Application);
        }

        foreach (var id in missing.Where(id => !_applications.ContainsKey(id)))
        {
            _applications[id] = (null, null);
        }
    }

    public async Task<RankedApplication?> ApplicationAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!_applications.TryGetValue(id, out var known))
        {
            var stored = await RankedApplicationRows.ReadAsync(store, tenant, id, cancellationToken);
            known = (stored, stored?.Application);
            _applications[id] = known;
        }

        return known.Application is { } application && application.RoundId == roundId ? application : null;
    }

    /// <summary>Every application of the round, as stored or as changed in this turn (the run and offer expiry need them all).</summary>
    public async Task<IReadOnlyList<RankedApplication>> AllApplicationsAsync(CancellationToken cancellationToken)
    {
        if (!_allLoaded)
        {
            foreach (var stored in await RankedApplicationRows.ListAsync(store, tenant, roundId, cancellationToken))
            {
                _applications.TryAdd(stored.Application.Id, (stored, stored.Application));
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

        if (await RankedApplicationRows.ReadByAliasAsync(store, tenant, alias, cancellationToken) is not { } stored)
        {
            return null;
        }

        _applications.TryAdd(stored.Application.Id, (stored, stored.Application));
        return await ApplicationAsync(stored.Application.Id, cancellationToken);
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
        _applications[application.Id] = (_applications.TryGetValue(application.Id, out var known) ? known.Stored : null, application);
        _changed.Add(application.Id);
        if (alias is not null)
        {
            _aliases.TryAdd(application.Id, alias);
        }
    }

    public bool HasChanges(AllocationRound? started) => !ReferenceEquals(started, Round) || _changed.Count > 0 || RemindersFired.Count > 0;

    /// <summary>The round's head and the offerings it changed (see <see cref="RoundRows"/>), and each changed application's rows.</summary>
    public ChangeSet ToChangeSet()
    {
        var writes = new List<GrainWrite>();
        if (Round is not null)
        {
            (writes, OfferingsWritten) = RoundRows.Writes(started, Round);
        }

        var changed = _changed.Order().ToArray();
        writes.AddRange(EveryCore.Map(changed.Length, i =>
        {
            var (stored, application) = _applications[changed[i]];
            return RankedApplicationRows.Writes(stored, application!, _aliases.GetValueOrDefault(changed[i])).ToArray();
        }).SelectMany(w => w));
        var events = EveryCore.Map(Events.Count, i => new OutboxEntry(tenant.Value, Events[i].Type, Events[i].GrainId, Events[i].OccurredAt, GrainJson.Serialize(Events[i].Data)));
        return new ChangeSet(writes, events, RemindersSet, RemindersFired, Audit);
    }
}
