using System.Text.Json;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Silo.Defects;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Alarms;

/// <summary>
/// An alarm opens a ticket in its device's room, or joins the open one of the same trade. Runs on
/// the committed "sue.alarm.raised" event, so the telemetry path stays one commit; the report key
/// is the alarm id, so a redelivered event files nothing twice. A worse reading
/// ("sue.alarm.severity_raised") files again under the alarm id and its new severity: the open
/// ticket's severity and due time follow the alarm, and a ticket closed meanwhile opens anew.
/// </summary>
public sealed class AlarmTickets(TicketDesk desk) : IOutboxSubscriber
{
    public async Task DeliverAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var worse = entry.Type == "sue.alarm.severity_raised";
        if (!worse && entry.Type != "sue.alarm.raised")
        {
            return;
        }

        var data = JsonSerializer.Deserialize<Dictionary<string, string>>(entry.Payload, GrainJson.Options)!;
        var type = data["alarmType"];
        var severity = Enum.Parse<Severity>(data["severity"]);
        var report = new DefectReport(
            worse ? $"alarm:{data["alarmId"]}:{severity}" : $"alarm:{data["alarmId"]}",
            CategoryOf(type),
            severity,
            $"Alarm {type} from device {data["deviceId"]}" + (worse ? $" now {severity}" : "") + (data["value"] is { Length: > 0 } value ? $" (value {value})" : ""),
            [],
            "alarm");
        var room = data["room"] is { Length: > 0 } code ? code : null;
        var outcome = await desk.ReportAsync(
            new TenantId(entry.Tenant), Guid.Parse(data["schoolId"]), Guid.Parse(data["buildingId"]), room, report, cancellationToken);
        if (outcome.Refusal is { } refusal && refusal.Code != TenantDesk.AlreadyFiled)
        {
            throw new InvalidOperationException($"Alarm {data["alarmId"]} could not file its ticket: {refusal.Code} {refusal.Message}");
        }
    }

    public static DefectCategory CategoryOf(string alarmType) => alarmType switch
    {
        _ when alarmType.StartsWith("temperature", StringComparison.Ordinal) => DefectCategory.Heating,
        _ when alarmType.StartsWith("water", StringComparison.Ordinal) => DefectCategory.Sanitary,
        _ when alarmType.StartsWith("co2", StringComparison.Ordinal) || alarmType.StartsWith("humidity", StringComparison.Ordinal) => DefectCategory.WindowsDoors,
        "offline" => DefectCategory.It,
        _ when alarmType.StartsWith("battery", StringComparison.Ordinal) => DefectCategory.It,
        _ => DefectCategory.Other,
    };
}
