using WebKita.Grains.Alarms;
using WebKita.Grains.Common;
using WebKita.Grains.Devices;

namespace WebKita.Silo.Devices;

/// <summary>
/// What is to be decided on a device, as data: it travels to the device's shard grain wherever the
/// cluster placed it, and the pure <see cref="Device"/> code decides it there on the device's
/// current state. Times are fixed by the sender (a message's timestamp, a reminder's firing).
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.DeviceDecision")]
public abstract record DeviceDecision
{
    /// <summary>The alarm type whose state the answer carries (<see cref="DeviceVerdict.Alarm"/>); null for none.</summary>
    public virtual string? AnswersAlarm => null;

    public abstract Outcome<DeviceStep> Decide(Device device, AlarmProfile profile);

    internal static Refusal WrongKind(Device device) =>
        new("device.wrong_kind", $"Device {device.DeviceId} is registered as a {device.Kind.ToString().ToLowerInvariant()}; that channel is not its own.");
}

/// <summary>A sensor's telemetry message; idempotent by <paramref name="MessageId"/>.</summary>
[GenerateSerializer, Immutable, Alias("webkita.RecordTelemetry")]
public sealed record RecordTelemetry(string MessageId, DateTimeOffset At, Reading[] Readings) : DeviceDecision
{
    public override Outcome<DeviceStep> Decide(Device device, AlarmProfile profile) =>
        device.Kind != DeviceKind.Sensor ? WrongKind(device)
        : FirstUnregistered(device) is { } code
            ? new Refusal("payload.measurement_not_registered", $"Device {device.DeviceId} is not registered to send {code}.")
        : Outcome<DeviceStep>.Done(device.Telemetry(MessageId, At, Readings, profile));

    private string? FirstUnregistered(Device device)
    {
        foreach (var reading in Readings)
        {
            if (!device.Measurements.Contains(reading.Measurement))
            {
                return Measurements.Code(reading.Measurement);
            }
        }

        return null;
    }
}

/// <summary>A device's status message ("online", or "offline" as the broker's last will).</summary>
[GenerateSerializer, Immutable, Alias("webkita.RecordStatus")]
public sealed record RecordStatus(bool Online, DateTimeOffset At) : DeviceDecision
{
    public override Outcome<DeviceStep> Decide(Device device, AlarmProfile profile) => Outcome<DeviceStep>.Done(device.Status(Online, At, profile));
}

/// <summary>The silence reminder fired at <paramref name="Now"/>.</summary>
[GenerateSerializer, Immutable, Alias("webkita.CheckSilence")]
public sealed record CheckSilence(DateTimeOffset Now) : DeviceDecision
{
    public override Outcome<DeviceStep> Decide(Device device, AlarmProfile profile) => Outcome<DeviceStep>.Done(device.CheckSilence(Now, profile));
}

/// <summary>An alarm's escalation reminder fired at <paramref name="Now"/>.</summary>
[GenerateSerializer, Immutable, Alias("webkita.EscalateAlarm")]
public sealed record EscalateAlarm(string AlarmType, DateTimeOffset Now) : DeviceDecision
{
    public override Outcome<DeviceStep> Decide(Device device, AlarmProfile profile) => Outcome<DeviceStep>.Done(device.EscalateAlarm(AlarmType, Now));
}

/// <summary>A person acknowledges the device's alarm of <paramref name="AlarmType"/>; the answer carries the alarm.</summary>
[GenerateSerializer, Immutable, Alias("webkita.AcknowledgeAlarm")]
public sealed record AcknowledgeAlarm(string AlarmType, Guid By, DateTimeOffset Now) : DeviceDecision
{
    public override string? AnswersAlarm => AlarmType;

    public override Outcome<DeviceStep> Decide(Device device, AlarmProfile profile) => device.AcknowledgeAlarm(AlarmType, By, Now);
}

/// <summary>A reminder of a name no decision knows (left by an older version): it is deleted, the device stays as it is.</summary>
[GenerateSerializer, Immutable, Alias("webkita.KeepDevice")]
public sealed record KeepDevice : DeviceDecision
{
    public override Outcome<DeviceStep> Decide(Device device, AlarmProfile profile) => Outcome<DeviceStep>.Done(DeviceStep.Unchanged(device));
}
