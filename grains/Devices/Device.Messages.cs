using System.Globalization;
using WebKita.Grains.Alarms;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;

namespace WebKita.Grains.Devices;

/// <summary>What a device's messages do. Time comes only from the messages' own timestamps.</summary>
public sealed partial record Device
{
    /// <summary>
    /// Applies one telemetry message. A message id seen among the latest answers
    /// <see cref="DeviceStep.Repeated"/> and changes nothing. Readings older than the latest
    /// evaluated one (a late redelivery) are remembered as seen but judge no rule, since rules
    /// reason about time moving forward.
    /// </summary>
    public DeviceStep Telemetry(string messageId, DateTimeOffset at, IReadOnlyList<Reading> readings, AlarmProfile profile)
    {
        if (Recent.Contains(messageId))
        {
            return DeviceStep.Unchanged(this, repeated: true);
        }

        var events = new List<DomainEvent>();
        var wakeUps = new List<DeviceWakeUp>();
        var device = (this with { Recent = Recent.Add(messageId), LastSeenAt = Later(LastSeenAt, at) }).BackOnline(at, events);
        if (LastReadingAt is not { } last || at >= last)
        {
            device = device with { LastReadingAt = at };
            bool? open = null;
            foreach (var rule in profile.Rules)
            {
                if (Reading.Of(readings, rule.Measurement) is not { } reading)
                {
                    continue;
                }

                // School hours matter only to a rule that would count this reading.
                var step = rule.Evaluate(
                    device.Progress.GetValueOrDefault(rule.Type, RuleProgress.None),
                    device.Alarms.GetValueOrDefault(rule.Type),
                    at,
                    reading.Value,
                    rule.SchoolHoursOnly && rule.Raise.Holds(reading.Value) && (open ??= profile.Schedule.IsOpen(at)));
                device = device.WithProgress(rule.Type, step.Progress).Apply(rule.Type, step, at, reading, events, wakeUps);
            }
        }

        return new DeviceStep(device.ArmSilenceCheck(profile, wakeUps), events, false, wakeUps);
    }

    /// <summary>"online" or "offline" (the last will the broker publishes when the device vanishes). An older status than the latest is ignored.</summary>
    public DeviceStep Status(bool online, DateTimeOffset at, AlarmProfile profile)
    {
        if (LastStatusAt is { } latest && at < latest)
        {
            return DeviceStep.Unchanged(this);
        }

        var events = new List<DomainEvent>();
        var wakeUps = new List<DeviceWakeUp>();
        var device = this with { LastStatusAt = at };
        if (online)
        {
            device = (device with { LastSeenAt = Later(LastSeenAt, at) }).BackOnline(at, events).ArmSilenceCheck(profile, wakeUps);
        }
        else if (!IsOffline)
        {
            device = device.Raise(AlarmProfile.OfflineType, Severity.Minor, at, null, events, wakeUps) with { SilenceCheckAt = null };
        }

        return new DeviceStep(device, events, false, wakeUps);
    }

    /// <summary>
    /// The silence reminder fired at <paramref name="now"/>: a device unheard of for the profile's
    /// offline time goes offline; one heard of since has its check moved.
    /// </summary>
    public DeviceStep CheckSilence(DateTimeOffset now, AlarmProfile profile)
    {
        if (LastSeenAt is not { } seen || IsOffline)
        {
            return DeviceStep.Unchanged(this with { SilenceCheckAt = null });
        }

        var due = seen + profile.OfflineAfter;
        if (now < due)
        {
            return new DeviceStep(this with { SilenceCheckAt = due }, [], false, [new DeviceWakeUp(SilenceCheck, due)]);
        }

        var events = new List<DomainEvent>();
        var wakeUps = new List<DeviceWakeUp>();
        var device = Raise(AlarmProfile.OfflineType, Severity.Minor, due, null, events, wakeUps) with { SilenceCheckAt = null };
        return new DeviceStep(device, events, false, wakeUps);
    }

    private Device Apply(string type, RuleStep step, DateTimeOffset at, Reading reading, List<DomainEvent> events, List<DeviceWakeUp> wakeUps)
    {
        switch (step.Change)
        {
            case AlarmChange.Raised:
                return Raise(type, step.Severity, at, reading.Value, events, wakeUps);
            case AlarmChange.SeverityRaised:
                var raised = Alarms[type] with { Severity = step.Severity, Value = reading.Value };
                events.Add(AlarmEvent("sue.alarm.severity_raised", raised, at));
                if (raised.EscalationDueAt is { } due)
                {
                    wakeUps.Add(new DeviceWakeUp(EscalationReminder(type), due));
                }

                return this with { Alarms = Alarms.SetItem(type, raised) };
            case AlarmChange.Cleared:
                events.Add(AlarmEvent("sue.alarm.cleared", Alarms[type] with { Value = reading.Value }, at));
                return this with { Alarms = Alarms.Remove(type) };
            default:
                return this;
        }
    }

    private Device Raise(string type, Severity severity, DateTimeOffset at, double? value, List<DomainEvent> events, List<DeviceWakeUp> wakeUps)
    {
        var alarm = new Alarm(AlarmIdFor(type, at), type, severity, at, value, null, 0);
        events.Add(AlarmEvent("sue.alarm.raised", alarm, at));
        wakeUps.Add(new DeviceWakeUp(EscalationReminder(type), alarm.EscalationDueAt!.Value));
        return this with { Alarms = Alarms.SetItem(type, alarm) };
    }

    private Device BackOnline(DateTimeOffset at, List<DomainEvent> events)
    {
        if (!Alarms.TryGetValue(AlarmProfile.OfflineType, out var offline))
        {
            return this;
        }

        events.Add(AlarmEvent("sue.alarm.cleared", offline, at));
        return this with { Alarms = Alarms.Remove(AlarmProfile.OfflineType) };
    }

    /// <summary>
    /// Moves the silence check only when the one set would fire in less than half the offline time
    /// after the latest message: a device that talks every minute costs two reminder writes per
    /// offline period, not one per message.
    /// </summary>
    private Device ArmSilenceCheck(AlarmProfile profile, List<DeviceWakeUp> wakeUps)
    {
        // Kiosks speak only when someone reports; their last will tells when they vanish.
        if (Kind != DeviceKind.Sensor || LastSeenAt is not { } seen || IsOffline)
        {
            return this;
        }

        if (SilenceCheckAt is { } set && set >= seen + (profile.OfflineAfter / 2))
        {
            return this;
        }

        var due = seen + profile.OfflineAfter;
        wakeUps.Add(new DeviceWakeUp(SilenceCheck, due));
        return this with { SilenceCheckAt = due };
    }

    private Device WithProgress(string type, RuleProgress progress) =>
        progress == RuleProgress.None
            ? (Progress.ContainsKey(type) ? this with { Progress = Progress.Remove(type) } : this)
            : this with { Progress = Progress.SetItem(type, progress) };

    /// <summary>How an alarm's escalation reminder is named: this, then the alarm type.</summary>
    public const string EscalationPrefix = "escalate:";

    public static string EscalationReminder(string alarmType) => EscalationPrefix + alarmType;

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    internal DomainEvent AlarmEvent(string type, Alarm alarm, DateTimeOffset at) => new(type, Id, at, new Dictionary<string, string>
    {
        ["alarmId"] = alarm.Id.ToString(),
        ["alarmType"] = alarm.Type,
        ["severity"] = alarm.Severity.ToString(),
        ["deviceId"] = DeviceId,
        ["schoolId"] = SchoolId.ToString(),
        ["buildingId"] = BuildingId.ToString(),
        ["room"] = Room ?? "",
        ["value"] = alarm.Value?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["escalationLevel"] = alarm.EscalationLevel.ToString(CultureInfo.InvariantCulture),
    });
}
