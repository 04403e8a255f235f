using System.Text.Json;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Grains.Devices;
using WebKita.Silo.Buildings;
using WebKita.Silo.Defects;

namespace WebKita.Silo.Devices;

/// <summary>
/// The domain's side of the gateway: validates a device message and applies it. Telemetry and
/// status go through the device's shard (batched with other devices' messages into one commit);
/// a kiosk report goes to the tenant's ticket desk. Idempotent: telemetry by message id (the
/// device's ring of recent ids, committed with the effect), reports by report id (kept on the
/// ticket), status by its nature. Thread-safe.
/// </summary>
public sealed class DeviceMessages(DeviceRegistry registry, DeviceActivations devices, TicketDesk desk, BuildingDirectory buildings) : IDeviceMessageSink
{
    private static readonly JsonSerializerOptions AckJson = new(JsonSerializerDefaults.Web);

    public async Task<DeviceMessageOutcome> ApplyAsync(DeviceMessage message, CancellationToken cancellationToken)
    {
        if (!Device.IsValidDeviceId(message.DeviceId) || await registry.OwnerOfAsync(message.DeviceId, cancellationToken) is not { } owner)
        {
            return new DeviceMessageOutcome.Refused(null, "device.unknown", $"No device is registered as '{message.DeviceId}'.");
        }

        var tenant = new TenantId(owner);
        try
        {
            using var document = DevicePayloads.Parse(message);
            return message.Channel switch
            {
                DeviceChannel.Telemetry => await TelemetryAsync(tenant, message, document.RootElement, cancellationToken),
                DeviceChannel.Report => await ReportAsync(tenant, message, document.RootElement, cancellationToken),
                _ => await StatusAsync(tenant, message, document.RootElement, cancellationToken),
            };
        }
        catch (PayloadException e)
        {
            return new DeviceMessageOutcome.Refused(owner, e.Reason, e.Message);
        }
    }

    private async Task<DeviceMessageOutcome> TelemetryAsync(TenantId tenant, DeviceMessage message, JsonElement root, CancellationToken cancellationToken)
    {
        var (messageId, at, readings) = DevicePayloads.Telemetry(root, message.ReceivedAt);
        var outcome = await devices.SendAsync(
            DeviceRegistry.Key(tenant, Device.IdFor(message.DeviceId)),
            (device, profile) =>
                device.Kind != DeviceKind.Sensor ? WrongKind(device)
                : readings.Where(r => !device.Measurements.Contains(r.Measurement)).Select(r => Measurements.Code(r.Measurement)).FirstOrDefault() is { } code
                    ? new Refusal("payload.measurement_not_registered", $"Device {device.DeviceId} is not registered to send {code}.")
                : Outcome<DeviceStep>.Done(device.Telemetry(messageId, at, readings, profile)),
            cancellationToken);
        return Answer(tenant, outcome, null);
    }

    private async Task<DeviceMessageOutcome> StatusAsync(TenantId tenant, DeviceMessage message, JsonElement root, CancellationToken cancellationToken)
    {
        var (online, at) = DevicePayloads.Status(root, message.ReceivedAt);
        var outcome = await devices.SendAsync(
            DeviceRegistry.Key(tenant, Device.IdFor(message.DeviceId)),
            (device, profile) => Outcome<DeviceStep>.Done(device.Status(online, at ?? message.ReceivedAt, profile)),
            cancellationToken);
        return Answer(tenant, outcome, null);
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
            return new DeviceMessageOutcome.Refused(tenant.Value, "device.wrong_kind", WrongKind(device).Message);
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
        var ack = new ReportAck(reportId, ticket.Number, decision.Result!.Value.ToString().ToLowerInvariant(), ticket.Reports, ticket.Status.ToString().ToLowerInvariant());
        return new DeviceMessageOutcome.Accepted(JsonSerializer.Serialize(ack, AckJson));
    }

    private static Refusal WrongKind(Device device) =>
        new("device.wrong_kind", $"Device {device.DeviceId} is registered as a {device.Kind.ToString().ToLowerInvariant()}; that channel is not its own.");

    private static DeviceMessageOutcome Answer(TenantId tenant, Outcome<DeviceStep> outcome, string? ack) =>
        outcome.Refusal is { } refusal ? new DeviceMessageOutcome.Refused(tenant.Value, refusal.Code, refusal.Message) : new DeviceMessageOutcome.Accepted(ack);
}
