using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Defects;

/// <summary>
/// Defect tickets of all tenants: reports (from kiosks, alarms, people) and the facility managers'
/// work on them, each tenant's through its own <see cref="TenantDesk"/>; reads straight to the store.
/// Fires the tickets' escalation reminders.
/// </summary>
public sealed class TicketDesk(IGrainStore store, SiloOptions options, TimeProvider time) : IReminderTarget, IAsyncDisposable
{
    private readonly GrainDirectory<string, TenantDesk> _desks = new();

    public string ReminderKind => GrainKinds.RoomTickets;

    public static GrainKey RoomKey(TenantId tenant, Guid roomId) => TenantDesk.RoomKey(tenant, roomId);

    /// <summary>Files a report in its room. Idempotent by <see cref="DefectReport.Key"/>: a repeat answers its ticket as <see cref="ReportResult.Repeated"/>.</summary>
    public Task<Outcome<DeskDecision>> ReportAsync(
        TenantId tenant, Guid schoolId, Guid buildingId, string? room, DefectReport report, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return Desk(tenant).PostAsync(
            new DeskRequest(
                RoomTickets.IdFor(tenant, buildingId, room),
                () => RoomTickets.Empty(tenant, schoolId, buildingId, room),
                (tickets, number) => Map(tickets.Report(report, number, now)),
                null,
                null,
                report.Key),
            cancellationToken);
    }

    /// <summary>A facility manager's or admin's change to ticket <paramref name="number"/>; <paramref name="mayTouch"/> checks the room's building first.</summary>
    public async Task<Outcome<DeskDecision>> ChangeAsync(
        TenantId tenant, int number, Func<RoomTickets, bool> mayTouch, Func<RoomTickets, DateTimeOffset, Outcome<TicketDecision>> change,
        AuditedAction audit, CancellationToken cancellationToken)
    {
        if (await RoomOfAsync(tenant, number, cancellationToken) is not { } roomId)
        {
            return NotFound;
        }

        return await Desk(tenant).PostAsync(
            new DeskRequest(
                roomId,
                null,
                (tickets, _) => mayTouch(tickets) ? Map(change(tickets, time.GetUtcNow())) : NotFound,
                null,
                audit),
            cancellationToken);
    }

    /// <summary>
    /// Adds a photo to ticket <paramref name="number"/> once for good: <paramref name="uploadKey"/>
    /// names the upload (a kiosk's report and photo slot), and a key taken before answers
    /// <see cref="ReportResult.Repeated"/> with the ticket unchanged, however often it comes back.
    /// </summary>
    public async Task<Outcome<DeskDecision>> AttachPhotoAsync(
        TenantId tenant, int number, string uploadKey, string attachment, CancellationToken cancellationToken)
    {
        if (await RoomOfAsync(tenant, number, cancellationToken) is not { } roomId)
        {
            return NotFound;
        }

        return await Desk(tenant).PostAsync(
            new DeskRequest(roomId, null, (tickets, _) => Map(tickets.AttachPhoto(number, attachment, time.GetUtcNow())), null, null, uploadKey),
            cancellationToken);
    }

    /// <summary>Whether <paramref name="key"/> (a report or an upload) was filed; a cheap look before costly work, not the guard (that is the desk's turn).</summary>
    public async Task<bool> IsFiledAsync(TenantId tenant, string key, CancellationToken cancellationToken) =>
        await store.ReadAsync(TenantDesk.FiledKey(tenant, key), cancellationToken) is not null;

    public async Task<(RoomTickets Room, Ticket Ticket)?> FindAsync(TenantId tenant, int number, CancellationToken cancellationToken)
    {
        if (await RoomOfAsync(tenant, number, cancellationToken) is not { } roomId
            || await store.ReadAsync(TenantDesk.RoomKey(tenant, roomId), cancellationToken) is not { } stored)
        {
            return null;
        }

        var room = GrainJson.Deserialize<RoomTickets>(stored.State);
        return room.Find(number) is { } ticket ? (room, ticket) : null;
    }

    /// <summary>The rooms with tickets of one building, or of the whole tenant.</summary>
    public async Task<IReadOnlyList<RoomTickets>> ListAsync(TenantId tenant, Guid? buildingId, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(tenant.Value, GrainKinds.RoomTickets, buildingId, cancellationToken)).Select(s => GrainJson.Deserialize<RoomTickets>(s.State))];

    public Task FireAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        var tenant = new TenantId(reminder.Grain.Tenant);
        var number = int.TryParse(reminder.Name.AsSpan("escalate:".Length), out var n) ? n : 0;
        var now = time.GetUtcNow();
        return Desk(tenant).PostAsync(
            new DeskRequest(
                reminder.Grain.Id,
                null,
                (tickets, _) => tickets.Escalate(number, now) is { } decision
                    ? Outcome<DeskDecision>.Done(DeskDecision.From(decision))
                    : new Refusal("ticket.not_escalated", $"Ticket {number} is acknowledged, gone or not yet due."),
                reminder,
                null),
            cancellationToken);
    }

    private static Outcome<DeskDecision> Map(Outcome<ReportDecision> outcome) =>
        outcome.Value is { } decision ? Outcome<DeskDecision>.Done(DeskDecision.From(decision)) : outcome.Refusal!;

    private static Outcome<DeskDecision> Map(Outcome<TicketDecision> outcome) =>
        outcome.Value is { } decision ? Outcome<DeskDecision>.Done(DeskDecision.From(decision)) : outcome.Refusal!;

    private static Refusal NotFound => new("ticket.not_found", "There is no such ticket.");

    private async Task<Guid?> RoomOfAsync(TenantId tenant, int number, CancellationToken cancellationToken) =>
        await store.ReadAsync(TenantDesk.RefKey(tenant, number), cancellationToken) is { } stored ? GrainJson.Deserialize<TicketRef>(stored.State).RoomId : null;

    private TenantDesk Desk(TenantId tenant) => _desks.Get(tenant.Value, _ => new TenantDesk(store, tenant, options, time));

    public ValueTask DisposeAsync() => _desks.DisposeAsync();
}
