using WebKita.Grains.Alarms;
using WebKita.Grains.Common;
using WebKita.Grains.Devices;

namespace WebKita.Silo.Devices;

/// <summary>
/// The answer to a <see cref="DeviceDecision"/>, sent back once its effect is committed: the
/// refusal, if it was refused, and the alarm the decision asked about (<see cref="DeviceDecision.AnswersAlarm"/>).
/// The device's whole state stays in its shard.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.DeviceVerdict")]
public sealed record DeviceVerdict(Refusal? Refusal, AlarmSnapshot? Alarm)
{
    public static DeviceVerdict Of(DeviceDecision decision, Outcome<DeviceStep> outcome) =>
        new(
            outcome.Refusal,
            decision.AnswersAlarm is { } type && outcome.Value?.State.Alarms.TryGetValue(type, out var alarm) == true ? AlarmSnapshot.From(alarm) : null);
}

/// <summary>An <see cref="Grains.Alarms.Alarm"/> on the wire between silos.</summary>
[GenerateSerializer, Immutable, Alias("webkita.AlarmSnapshot")]
public sealed record AlarmSnapshot(Guid Id, string Type, Grains.Defects.Severity Severity, DateTimeOffset RaisedAt, double? Value, DateTimeOffset? AcknowledgedAt, int EscalationLevel)
{
    public static AlarmSnapshot From(Alarm alarm) =>
        new(alarm.Id, alarm.Type, alarm.Severity, alarm.RaisedAt, alarm.Value, alarm.AcknowledgedAt, alarm.EscalationLevel);

    public Alarm ToAlarm() => new(Id, Type, Severity, RaisedAt, Value, AcknowledgedAt, EscalationLevel);
}
