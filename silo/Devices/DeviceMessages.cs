using System.Text.Json;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Grains.Devices;
using WebKita.Silo.Buildings;
using WebKita.Silo.Defects;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Devices;

/// <summary>
/// The domain's side of the gateway: validates a device message and applies it. Telemetry and
/// status go through the device's shard (batched with other devices' messages into one commit);
/// a kiosk report goes to the tenant's ticket desk. Idempotent: telemetry by message id (the
/// device's ring of recent ids, committed with the effect), reports by report id (kept on the
/// ticket), status by its nature. A run of one device's messages is queued with its shard at once
/// and decided in one turn, in order. Thread-safe.
/// </summary>
public sealed class DeviceMessages(
    DeviceRegistry registry, DeviceActivations devices, TicketDesk desk, BuildingDirectory buildings, KioskPhotoLinks? photoLinks = null) : IDeviceMessageSink
{
    private static readonly JsonSerializerOptions AckJson = new(JsonSerializerDefaults.Web);

    public async Task<DeviceMessageOutcome> ApplyAsync(DeviceMessage message, CancellationToken cancellationToken) =>
        (await ApplyAsync([message], cancellationToken))[0];

    public async Task<IReadOnlyList<DeviceMessageOutcome>> ApplyAsync(IReadOnlyList<DeviceMessage> messages, CancellationToken cancellationToken)
    {
        var outcomes = new DeviceMessageOutcome[messages.Count];
        // Consecutive telemetry and status messages of one device go to its shard as one request:
        // decided in order in one turn, the device written once.
        var pending = new List<(int Index, DeviceDecision Decision)>();
        GrainKey? pendingKey = null;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (!Device.IsValidDeviceId(message.DeviceId) || await registry.OwnerOfAsync(message.DeviceId, cancellationToken) is not { } owner)
            {
                outcomes[i] = new DeviceMessageOutcome.Refused(null, "device.unknown", $"No device is registered as '{message.DeviceId}'.");
                continue;
            }

            var tenant = new TenantId(owner);
            var key = DeviceRegistry.Key(tenant, Device.IdFor(message.DeviceId));
            if (pendingKey is { } previous && (previous != key || message.Channel == DeviceChannel.Report))
            {
                await SendAsync(previous, pending, outcomes, cancellationToken);
                pendingKey = null;
            }

            try
            {
                using var document = DevicePayloads.Parse(message);
                if (message.Channel == DeviceChannel.Report)
                {
                    outcomes[i] = await ReportAsync(tenant, message, document.RootElement, cancellationToken);
                    continue;
                }

                pending.Add((i, message.Channel == DeviceChannel.Telemetry ? Telemetry(message, document.RootElement) : Status(message, document.RootElement)));
                pendingKey = key;
            }
            catch (PayloadException e)
            {
                outcomes[i] = new DeviceMessageOutcome.Refused(tenant.Value, e.Reason, e.Message);
            }
        }

        if (pendingKey is { } last)
        {
            await SendAsync(last, pending, outcomes, cancellationToken);
        }

        return outcomes;
    }

    private async Task SendAsync(GrainKey key, List<(int Index, DeviceDecision Decision)> pending, DeviceMessageOutcome[] outcomes, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var decided = await devices.SendAsync(key, [.. pending.Select(p => p.Decision)], cancellationToken);
        for (var j = 0; j < pending.Count; j++)
        {
            outcomes[pending[j].Index] = decided[j].Refusal is { } refusal
                ? new DeviceMessageOutcome.Refused(key.Tenant, refusal.Code, refusal.Message)
                : new DeviceMessageOutcome.Accepted(null);
        }

        pending.Clear();
    }

    private static RecordTelemetry Telemetry(DeviceMessage message, JsonElement root)
    {
        var (messageId, at, readings) = DevicePayloads.Telemetry(root, message.ReceivedAt);
        return new RecordTelemetry(messageId, at, [.. readings]);
    }

    private static RecordStatus Status(DeviceMessage message, JsonElement root)
    {
        var (online, at) = DevicePayloads.Status(root, message.ReceivedAt);
        return new RecordStatus(online, at ?? message.ReceivedAt);
    }

    private async Task<DeviceMessageOutcome> ReportAsync(TenantId tenant, DeviceMessage message, JsonElement root, CancellationToken cancellationToken)
    {
        var (reportId, category, text, room, attachments) = DevicePayloads.Report(root);
        if (await registry.FindAsync(tenant, message.DeviceId, cancellationToken) is not { } device)
        {
            return new DeviceMessageOutcome.Refused(tenant.Value, "device.unknown", $"No device is registered as '{message.DeviceId}'.");
        }

        if (device.Kind != DeviceKind.Kiosk)
        {
            return new DeviceMessageOutcome.Refused(tenant.Value, "device.wrong_kind", DeviceDecision.WrongKind(device).Message);
        }

        if (room is not null && room != device.Room && await buildings.FindAsync(tenant, device.BuildingId, cancellationToken) is { } building && !building.HasRoom(room))
        {
            return new DeviceMessageOutcome.Refused(tenant.Value, "report.room_unknown", $"Building {building.Name} has no room '{room}'.");
        }

        var report = new DefectReport($"kiosk:{device.DeviceId}:{reportId}", category, null, text, attachments, "kiosk");
        var outcome = await desk.ReportAsync(tenant, device.SchoolId, device.BuildingId, room ?? device.Room, report, cancellationToken);
        if (outcome.Value is not { } decision)
        {
            return new DeviceMessageOutcome.Refused(tenant.Value, outcome.Refusal!.Code, outcome.Refusal.Message);
        }

        var ticket = decision.Ticket;
        // A repeated report gets fresh links for the same slots: a slot already used stays used.
        var uploads = ticket.IsOpen ? photoLinks?.Offer(tenant.Value, device.DeviceId, reportId, ticket.Number) : null;
        var ack = new ReportAck(reportId, ticket.Number, decision.Result!.Value.ToString().ToLowerInvariant(), ticket.Reports, ticket.Status.ToString().ToLowerInvariant(), uploads);
        return new DeviceMessageOutcome.Accepted(JsonSerializer.Serialize(ack, AckJson));
    }
}
