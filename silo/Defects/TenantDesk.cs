using System.Globalization;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Defects;

/// <summary>
/// One turn at a time for all tickets of a tenant: reports are rare, and taking them in one queue
/// lets a turn hand out ticket numbers from the tenant's counter and commit counter, rooms, number
/// references, events and escalation reminders together. Group commit as everywhere. Hosted by the
/// tenant's <see cref="TicketDeskGrain"/>, one activation in the cluster.
/// </summary>
internal sealed class TenantDesk : IAsyncDisposable
{
    private readonly IGrainStore _store;
    private readonly TenantId _tenant;
    private readonly TimeProvider _time;
    private readonly Mailbox<DeskCommand, Outcome<DeskDecision>> _mailbox;
    private readonly Dictionary<Guid, (long Version, RoomTickets State)> _rooms = [];
    private (long Version, int Next)? _counter;

    public TenantDesk(IGrainStore store, TenantId tenant, SiloOptions options, TimeProvider time)
    {
        _store = store;
        _tenant = tenant;
        _time = time;
        _mailbox = new(TurnAsync, options.MaxBatch, options.MailboxCapacity);
    }

    public Task<Outcome<DeskDecision>> PostAsync(DeskCommand command, CancellationToken cancellationToken) => _mailbox.PostAsync(command, cancellationToken);

    public static GrainKey RoomKey(TenantId tenant, Guid roomId) => new(tenant.Value, GrainKinds.RoomTickets, roomId);

    public static GrainKey RefKey(TenantId tenant, int number) =>
        new(tenant.Value, GrainKinds.TicketRef, DeterministicId.From($"ticket/{tenant.Value}/{number.ToString(CultureInfo.InvariantCulture)}"));

    private Task<IReadOnlyList<Outcome<DeskDecision>>> TurnAsync(IReadOnlyList<DeskCommand> requests, CancellationToken cancellationToken) =>
        StaleRetry.RunAsync(() => DecideAndCommitAsync(requests, cancellationToken), () =>
        {
            _rooms.Clear();
            _counter = null;
        });

    private async Task<IReadOnlyList<Outcome<DeskDecision>>> DecideAndCommitAsync(IReadOnlyList<DeskCommand> requests, CancellationToken cancellationToken)
    {
        var counter = _counter ??= await LoadCounterAsync(cancellationToken);
        var filed = await LoadFiledAsync(requests, cancellationToken);
        var fresh = await LoadRoomsAsync([.. requests.Select(r => r.RoomId), .. filed.Values.Select(f => f.RoomId)], cancellationToken);
        var filedNow = new Dictionary<string, FiledReport>(StringComparer.Ordinal);
        var next = counter.Next;
        var working = new Dictionary<Guid, RoomTickets>();
        var outcomes = new List<Outcome<DeskDecision>>(requests.Count);
        var refs = new List<GrainWrite>();
        var events = new List<OutboxEntry>();
        var reminders = new Dictionary<(Guid, string), Reminder>();
        var fired = new List<Reminder>();
        var audit = new List<AuditEntry>();
        foreach (var request in requests)
        {
            if (request.Fired is { } reminder)
            {
                fired.Add(reminder);
            }

            if (request.ReportKey is { } key && (filedNow.TryGetValue(key, out var known) || filed.TryGetValue(key, out known)))
            {
                outcomes.Add(Repeated(known, working));
                continue;
            }

            var opened = request.Empty();
            var room = working.TryGetValue(request.RoomId, out var changed) ? changed
                : _rooms.TryGetValue(request.RoomId, out var cached) ? cached.State
                : opened;
            if (room is null)
            {
                outcomes.Add(DeskCommand.NotFound);
                continue;
            }

            var outcome = request.Decide(room, next, _time.GetUtcNow());
            if (outcome.IsRefused && opened is null && request.Fired is null && !fresh.Contains(request.RoomId) && !working.ContainsKey(request.RoomId))
            {
                // Refused on a cached room that another process may have changed since: decide
                // again on the stored one rather than refuse wrongly.
                throw new StaleWriteException(RoomKey(_tenant, request.RoomId), _rooms[request.RoomId].Version);
            }

            outcomes.Add(outcome);
            if (outcome.Value is not { } decision || ReferenceEquals(decision.State, room))
            {
                continue;
            }

            working[request.RoomId] = decision.State;
            // Whatever a keyed request changed (a report opened or joined, a photo attached) is filed under its key for good.
            if (request.ReportKey is { } filedKey)
            {
                var record = new FiledReport(decision.Ticket.Number, request.RoomId);
                filedNow[filedKey] = record;
                refs.Add(new GrainWrite(FiledKey(filedKey), 0, GrainJson.Serialize(record)));
            }

            if (decision.Result == ReportResult.Opened)
            {
                refs.Add(new GrainWrite(RefKey(_tenant, next), 0, GrainJson.Serialize(new TicketRef(next, request.RoomId))));
                next++;
            }

            events.AddRange(decision.Events.Select(e => new OutboxEntry(_tenant.Value, e.Type, e.GrainId, e.OccurredAt, GrainJson.Serialize(e.Data))));
            if (decision.Ticket.EscalationDueAt is { } due)
            {
                var name = EscalateTicket.ReminderName(decision.Ticket.Number);
                reminders[(request.RoomId, name)] = new Reminder(RoomKey(_tenant, request.RoomId), name, due);
            }

            if (request.Audit is { By.IsAudited: true } action)
            {
                audit.Add(new AuditEntry(
                    _tenant.Value, action.By.AccountId, action.By.Role.ToString(), action.Action, GrainKinds.RoomTickets, request.RoomId, action.Reason,
                    _time.GetUtcNow(), GrainJson.Serialize(new Dictionary<string, int> { ["number"] = decision.Ticket.Number })));
            }
        }

        var writes = working.Select(w => new GrainWrite(
            RoomKey(_tenant, w.Key), _rooms.TryGetValue(w.Key, out var c) ? c.Version : 0, GrainJson.Serialize(w.Value), w.Value.BuildingId)).ToList();
        if (next != counter.Next)
        {
            writes.Add(new GrainWrite(CounterKey(), counter.Version, GrainJson.Serialize(new TicketCounter(next))));
        }

        if (writes.Count + fired.Count > 0)
        {
            await _store.CommitAsync(new ChangeSet([.. writes, .. refs], events, [.. reminders.Values], fired, audit), cancellationToken);
        }

        foreach (var write in writes.Where(w => w.Key.Kind == GrainKinds.RoomTickets))
        {
            _rooms[write.Key.Id] = (write.ExpectedVersion + 1, working[write.Key.Id]);
        }

        if (next != counter.Next)
        {
            _counter = (counter.Version + 1, next);
        }

        return outcomes;
    }

    private async Task<(long Version, int Next)> LoadCounterAsync(CancellationToken cancellationToken) =>
        await _store.ReadAsync(CounterKey(), cancellationToken) is { } stored ? (stored.Version, GrainJson.Deserialize<TicketCounter>(stored.State).Next) : (0, 1);

    /// <summary>
    /// A report filed before answers its ticket unchanged. A ticket pruned since (final and old) is
    /// no longer there to answer with; the report is still not filed twice.
    /// </summary>
    private Outcome<DeskDecision> Repeated(FiledReport filed, Dictionary<Guid, RoomTickets> working)
    {
        var room = working.TryGetValue(filed.RoomId, out var changed) ? changed : _rooms.TryGetValue(filed.RoomId, out var cached) ? cached.State : null;
        return room?.Find(filed.Number) is { } ticket
            ? Outcome<DeskDecision>.Done(new DeskDecision(room, ticket, [], ReportResult.Repeated))
            : new Refusal(AlreadyFiled, $"This report was filed as ticket {filed.Number.ToString(CultureInfo.InvariantCulture)}, which is no longer kept.");
    }

    /// <summary>The refusal of a report whose ticket is gone: it was filed, so there is nothing left to do.</summary>
    public const string AlreadyFiled = "report.already_filed";

    /// <summary>The filed-report records of the turn's report keys, by key; read every turn, since another process may have filed one.</summary>
    private async Task<Dictionary<string, FiledReport>> LoadFiledAsync(IReadOnlyList<DeskCommand> requests, CancellationToken cancellationToken)
    {
        var keysById = requests.Where(r => r.ReportKey is not null).Select(r => r.ReportKey!).Distinct(StringComparer.Ordinal).ToDictionary(key => FiledKey(key).Id);
        var filed = new Dictionary<string, FiledReport>(StringComparer.Ordinal);
        if (keysById.Count == 0)
        {
            return filed;
        }

        foreach (var stored in await _store.ReadManyAsync(_tenant.Value, GrainKinds.FiledReport, keysById.Keys, cancellationToken))
        {
            filed[keysById[stored.Key.Id]] = GrainJson.Deserialize<FiledReport>(stored.State);
        }

        return filed;
    }

    private GrainKey FiledKey(string reportKey) => FiledKey(_tenant, reportKey);

    public static GrainKey FiledKey(TenantId tenant, string reportKey) =>
        new(tenant.Value, GrainKinds.FiledReport, DeterministicId.From($"filed-report/{tenant.Value}/{reportKey}"));

    /// <summary>Reads the rooms not cached; answers the ids read now.</summary>
    private async Task<HashSet<Guid>> LoadRoomsAsync(IEnumerable<Guid> roomIds, CancellationToken cancellationToken)
    {
        var missing = roomIds.Where(id => !_rooms.ContainsKey(id)).ToHashSet();
        if (missing.Count == 0)
        {
            return missing;
        }

        foreach (var stored in await _store.ReadManyAsync(_tenant.Value, GrainKinds.RoomTickets, missing, cancellationToken))
        {
            _rooms[stored.Key.Id] = (stored.Version, GrainJson.Deserialize<RoomTickets>(stored.State));
        }

        return missing;
    }

    private GrainKey CounterKey() => new(_tenant.Value, GrainKinds.TicketCounter, DeterministicId.From($"ticket-counter/{_tenant.Value}"));

    public ValueTask DisposeAsync() => _mailbox.DisposeAsync();
}
