using WebKita.Grains.Common;

namespace WebKita.Grains.Devices;

/// <summary>What people and reminders do to a device's active alarms.</summary>
public sealed partial record Device
{
    /// <summary>Acknowledging stops escalation; the alarm stays until its clear condition holds. Repeating it changes nothing.</summary>
    public Outcome<DeviceStep> AcknowledgeAlarm(string type, Guid by, DateTimeOffset now)
    {
        if (!Alarms.TryGetValue(type, out var alarm))
        {
            return new Refusal("alarm.not_found", $"Device {DeviceId} has no active '{type}' alarm.");
        }

        if (alarm.AcknowledgedAt is not null)
        {
            return Outcome<DeviceStep>.Done(DeviceStep.Unchanged(this));
        }

        var acknowledged = alarm with { AcknowledgedAt = now };
        var @event = AlarmEvent("sue.alarm.acknowledged", acknowledged, now);
        var withBy = @event with { Data = new Dictionary<string, string>(@event.Data) { ["by"] = by.ToString() } };
        return Outcome<DeviceStep>.Done(new DeviceStep(this with { Alarms = Alarms.SetItem(type, acknowledged) }, [withBy], false, []));
    }

    /// <summary>The escalation reminder of an alarm fired. A stale one (acknowledged, cleared, not due) changes nothing.</summary>
    public DeviceStep EscalateAlarm(string type, DateTimeOffset now)
    {
        if (!Alarms.TryGetValue(type, out var alarm) || alarm.EscalationDueAt is not { } due || now < due)
        {
            return DeviceStep.Unchanged(this);
        }

        var escalated = alarm with { EscalationLevel = alarm.EscalationLevel + 1 };
        IReadOnlyList<DeviceWakeUp> next = escalated.EscalationDueAt is { } then ? [new DeviceWakeUp(EscalationReminder(type), then)] : [];
        return new DeviceStep(this with { Alarms = Alarms.SetItem(type, escalated) }, [AlarmEvent("sue.alarm.escalated", escalated, now)], false, next);
    }
}
