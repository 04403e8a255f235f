using System.Globalization;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Defects;

/// <summary>
/// One turn at a time for all tickets of a tenant: reports are rare, and taking them in one queue
/// lets a turn hand out ticket numbers from the tenant's counter and commit counter, rooms, number
/// references, events and escalation reminders together. Group commit as everywhere.
/// </summary>
internal sealed class TenantDesk : IAsyncDisposable
{
    private readonly IGrainStore _store;
    private readonly TenantId _tenant;
    private readonly TimeProvider _time;
    private readonly Mailbox<DeskRequest, Outcome<DeskDecision>> _mailbox;
    private readonly Dictionary<Guid, (long Version, RoomTickets State)> _rooms = [];
    private (long Version, int Next)? _counter;

    public TenantDesk(IGrainStore store, TenantId tenant, SiloOptions options, TimeProvider time)
    {
        _store = store;
        _tenant = tenant;
        _time = time;
        _mailbox = new(TurnAsync, options.MaxBatch, options.MailboxCapacity);
    }

    public Task<Outcome<DeskDecision>> PostAsync(DeskRequest request, CancellationToken cancellationToken) => _mailbox.PostAsync(request, cancellationToken);

    public static GrainKey RoomKey(TenantId tenant, Guid roomId) => new(tenant.Value, GrainKinds.RoomTickets, roomId);

    public static GrainKey RefKey(TenantId tenant, int number) =>
        new(tenant.Value, GrainKinds.TicketRef, DeterministicId.From($"ticket/{tenant.Value}/{number.ToString(CultureInfo.InvariantCulture)}"));

    public static string EscalationReminder(int number) => $"escalate:{number.ToString(CultureInfo.InvariantCulture)}";

    private Task<IReadOnlyList<Outcome<DeskDecision>>> TurnAsync(IReadOnlyList<DeskRequest> requests, CancellationToken cancellationToken) =>
        StaleRetry.RunAsync(() => DecideAndCommitAsync(requests, cancellationToken), () =>
        {
            _rooms.Clear();
            _counter = null;
        });

    private async Task<IReadOnlyList<Outcome<DeskDecision>>> DecideAndCommitAsync(IReadOnlyList<DeskRequest> requests, CancellationToken cancellationToken)
    {
        var counter = _counter ??= await LoadCounterAsync(cancellationToken);
        var fresh = await LoadRoomsAsync(requests, cancellationToken);
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

            var room = working.TryGetValue(request.RoomId, out var changed) ? changed
                : _rooms.TryGetValue(request.RoomId, out var cached) ? cached.State
                : request.Empty?.Invoke();
            if (room is null)
            {
                outcomes.Add(new Refusal("ticket.not_found", "There is no such ticket."));
                continue;
            }

            var outcome = request.Decide(room, next);
            if (outcome.IsRefused && request.Empty is null && request.Fired is null && !fresh.Contains(request.RoomId) && !working.ContainsKey(request.RoomId))
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
            if (decision.Result == ReportResult.Opened)
            {
                refs.Add(new GrainWrite(RefKey(_tenant, next), 0, GrainJson.Serialize(new TicketRef(next, request.RoomId))));
                next++;
            }

            events.AddRange(decision.Events.Select(e => new OutboxEntry(_tenant.Value, e.Type, e.GrainId, e.OccurredAt, GrainJson.Serialize(e.Data))));
            if (decision.Ticket.EscalationDueAt is { } due)
            {
                var name = EscalationReminder(decision.Ticket.Number);
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

    /// <summary>Reads the rooms not cached; answers the ids read now.</summary>
    private async Task<HashSet<Guid>> LoadRoomsAsync(IReadOnlyList<DeskRequest> requests, CancellationToken cancellationToken)
    {
        var missing = requests.Select(r => r.RoomId).Where(id => !_rooms.ContainsKey(id)).ToHashSet();
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
