using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Registration;

/// <summary>
/// The working set of one turn of an offering: the offering and the applications it touched,
/// each with the version it was read at, plus what the turn decided. Applications are read
/// lazily; the offering's version check makes those reads consistent, because every change to
/// an application goes through its offering's turn.
/// </summary>
internal sealed class OfferingTurn(IGrainStore store, TenantId tenant, Guid offeringId, long offeringVersion, Offering? offering, DateTimeOffset now)
{
    private readonly Dictionary<Guid, (long Version, Application? Application)> _applications = [];
    private readonly HashSet<Guid> _changed = [];
    private readonly Dictionary<Guid, string> _aliases = [];
    private readonly Dictionary<string, Application> _knownAliases = [];

    public Offering? Offering { get; set; } = offering;

    public GrainKey Key { get; } = new(tenant.Value, GrainKinds.Offering, offeringId);

    /// <summary>The version of the offering this turn decides on.</summary>
    public long OfferingVersion => offeringVersion;

    public DateTimeOffset Now { get; } = now;

    public List<DomainEvent> Events { get; } = [];

    public List<Reminder> RemindersSet { get; } = [];

    public List<Reminder> RemindersFired { get; } = [];

    public List<AuditEntry> Audit { get; } = [];

    /// <summary>Records a staff or admin command that changed something, in the transaction that commits the change.</summary>
    public void RecordAudit(OfferingCommand command, Guid subjectId, string subjectKind)
    {
        if (command.By is { IsAudited: true } actor)
        {
            var details = command switch
            {
                CreateOffering c => GrainJson.Serialize(c.Terms),
                ChangeOfferingTerms c => GrainJson.Serialize(c.Terms),
                _ => GrainJson.Serialize(new { offeringId }),
            };
            var action = command.GetType().Name;
            Audit.Add(new AuditEntry(tenant.Value, actor.AccountId, actor.Role.ToString(), action, subjectKind, subjectId, command.Reason, Now, details));
        }
    }

    /// <summary>
    /// Starts from what the previous turn decided but may not have committed yet: its
    /// applications at the versions its commit gives them, and the idempotency keys it gave them.
    /// Reads from the store would not see them until that commit lands. Only that turn's own
    /// decisions: every turn before it has committed (the mailbox issues a commit only after its
    /// predecessor's succeeded), so the store answers for those, and a hot offering's turn does not
    /// carry every key the activation ever saw.
    /// </summary>
    public void Inherit(OfferingTurn previous)
    {
        foreach (var id in previous._changed)
        {
            var (version, application) = previous._applications[id];
            _applications[id] = (version + 1, application);
        }

        foreach (var (id, alias) in previous._aliases)
        {
            _knownAliases.TryAdd(alias, previous._applications[id].Application!);
        }
    }

    public async Task PreloadAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var missing = ids.Where(id => !_applications.ContainsKey(id)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        foreach (var stored in await store.ReadManyAsync(tenant.Value, GrainKinds.Application, missing, cancellationToken))
        {
            _applications[stored.Key.Id] = (stored.Version, GrainJson.Deserialize<Application>(stored.State));
        }

        foreach (var id in missing.Where(id => !_applications.ContainsKey(id)))
        {
            _applications[id] = (0, null);
        }
    }

    /// <summary>Finds which applications already carry these idempotency keys, in one read for the whole turn.</summary>
    public async Task PreloadAliasesAsync(IReadOnlyCollection<string> aliases, CancellationToken cancellationToken)
    {
        if (aliases.Count == 0)
        {
            return;
        }

        foreach (var (alias, stored) in await store.ReadManyByAliasAsync(tenant.Value, GrainKinds.Application, aliases, cancellationToken))
        {
            _knownAliases[alias] = GrainJson.Deserialize<Application>(stored.State);
        }
    }

    /// <summary>The application an idempotency key already names, as stored or as decided earlier in this turn.</summary>
    public Application? ApplicationWithAlias(string alias) =>
        _knownAliases.TryGetValue(alias, out var application) ? Current(application.Id) ?? application : null;

    public async Task<Application?> ApplicationAsync(Guid id, CancellationToken cancellationToken)
    {
        await PreloadAsync([id], cancellationToken);
        return _applications[id].Application;
    }

    public void Put(Application application, string? alias = null)
    {
        _applications[application.Id] = (_applications.TryGetValue(application.Id, out var known) ? known.Version : 0, application);
        _changed.Add(application.Id);
        if (alias is not null && _aliases.TryAdd(application.Id, alias))
        {
            _knownAliases.TryAdd(alias, application);
        }
    }

    public Application? Current(Guid id) => _applications.TryGetValue(id, out var known) ? known.Application : null;

    public int ChangedApplications => _changed.Count;

    public bool HasChanges(Offering? started) => !ReferenceEquals(started, Offering) || _changed.Count > 0 || RemindersFired.Count > 0;

    public ChangeSet ToChangeSet()
    {
        var writes = new List<GrainWrite>();
        if (Offering is { } offering)
        {
            writes.Add(new(new GrainKey(tenant.Value, GrainKinds.Offering, offeringId), offeringVersion, GrainJson.Serialize(offering), offering.Terms.SchoolId));
        }

        writes.AddRange(_changed.Select(id =>
        {
            var (version, application) = _applications[id];
            return new GrainWrite(
                new GrainKey(tenant.Value, GrainKinds.Application, id), version, GrainJson.Serialize(application), offeringId, _aliases.GetValueOrDefault(id));
        }));
        var events = Events.Select(e => new OutboxEntry(tenant.Value, e.Type, e.GrainId, e.OccurredAt, GrainJson.Serialize(e.Data))).ToList();
        return new ChangeSet(writes, events, RemindersSet, RemindersFired, Audit);
    }
}
