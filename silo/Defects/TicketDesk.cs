using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Silo.Cluster;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Defects;

/// <summary>
/// Defect tickets of all tenants: reports (from kiosks, alarms, people) and the facility managers'
/// work on them, each tenant's decided by its <see cref="ITicketDeskGrain"/> wherever the cluster
/// placed it; reads straight to the store. Fires the tickets' escalation reminders.
/// </summary>
public sealed class TicketDesk(IGrainStore store, IGrainFactory grains) : IReminderTarget
{
    public string ReminderKind => GrainKinds.RoomTickets;

    public static GrainKey RoomKey(TenantId tenant, Guid roomId) => TenantDesk.RoomKey(tenant, roomId);

    /// <summary>Files a report in its room. Idempotent by <see cref="DefectReport.Key"/>: a repeat answers its ticket as <see cref="ReportResult.Repeated"/>.</summary>
    public Task<Outcome<DeskDecision>> ReportAsync(
        TenantId tenant, Guid schoolId, Guid buildingId, string? room, DefectReport report, CancellationToken cancellationToken) =>
        SendAsync(tenant, new FileReport(tenant, schoolId, buildingId, room, report), cancellationToken);

    /// <summary>
    /// A facility manager's or admin's change to ticket <paramref name="number"/>, only in
    /// <paramref name="buildings"/> (null: all of the tenant's); elsewhere it is not found.
    /// </summary>
    public async Task<Outcome<DeskDecision>> ChangeAsync(
        TenantId tenant, int number, IReadOnlySet<Guid>? buildings, TicketChange change, AuditedAction audit, CancellationToken cancellationToken) =>
        await RoomOfAsync(tenant, number, cancellationToken) is { } roomId
            ? await SendAsync(tenant, new ChangeTicket(roomId, number, change, audit, buildings), cancellationToken)
            : DeskCommand.NotFound;

    /// <summary>
    /// Adds a photo to ticket <paramref name="number"/> once for good: <paramref name="uploadKey"/>
    /// names the upload (a kiosk's report and photo slot), and a key taken before answers
    /// <see cref="ReportResult.Repeated"/> with the ticket unchanged, however often it comes back.
    /// </summary>
    public async Task<Outcome<DeskDecision>> AttachPhotoAsync(
        TenantId tenant, int number, string uploadKey, string attachment, CancellationToken cancellationToken) =>
        await RoomOfAsync(tenant, number, cancellationToken) is { } roomId
            ? await SendAsync(tenant, new AttachTicketPhoto(roomId, number, uploadKey, attachment), cancellationToken)
            : DeskCommand.NotFound;

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

    public Task FireAsync(Reminder reminder, CancellationToken cancellationToken) =>
        SendAsync(new TenantId(reminder.Grain.Tenant), new EscalateTicket(reminder), cancellationToken);

    private async Task<Guid?> RoomOfAsync(TenantId tenant, int number, CancellationToken cancellationToken) =>
        await store.ReadAsync(TenantDesk.RefKey(tenant, number), cancellationToken) is { } stored ? GrainJson.Deserialize<TicketRef>(stored.State).RoomId : null;

    private Task<Outcome<DeskDecision>> SendAsync(TenantId tenant, DeskCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return grains.Grain<ITicketDeskGrain>(tenant.Value).SendAsync(command);
    }
}
