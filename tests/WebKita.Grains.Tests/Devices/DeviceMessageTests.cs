using System.Text.Json;
using WebKita.Grains.Alarms;
using WebKita.Grains.Common;
using WebKita.Grains.Devices;

namespace WebKita.Grains.Tests.Devices;

public sealed class DeviceMessageTests
{
    private static readonly TenantId Tenant = new("kreis-a");

    // Monday 23 November 2026, 9:00 in Berlin: school hours.
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly AlarmProfile Profile = AlarmProfile.Default(Tenant);

    private static Device Sensor() =>
        Device.Register(Tenant, "sensor-001", Guid.NewGuid(), Guid.NewGuid(), "A1", DeviceKind.Sensor, [Measurement.Temperature, Measurement.WaterLeak], null, T0).Value!;

    private static DeviceStep Temperature(Device device, string id, int minutes, double value) =>
        device.Telemetry(id, T0.AddMinutes(minutes), [new Reading(Measurement.Temperature, value)], Profile);

    [Fact]
    public void Telemetry_SameMessageIdTwice_SecondIsRepeatedWithoutEffect()
    {
        var first = Temperature(Sensor(), "m1", 0, 16);

        var second = Temperature(first.State, "m1", 0, 16);

        second.Repeated.Should().BeTrue();
        second.State.Should().BeSameAs(first.State);
        second.Events.Should().BeEmpty();
    }

    [Fact]
    public void Telemetry_ColdForThirtyMinutes_RaisesOnceAndClearsByClearCondition()
    {
        var device = Sensor();
        var raised = new List<string>();
        for (var minute = 0; minute <= 40; minute += 5)
        {
            var step = Temperature(device, $"m{minute}", minute, 16);
            raised.AddRange(step.Events.Select(e => $"{minute}:{e.Type}"));
            device = step.State;
        }

        raised.Should().Equal("30:sue.alarm.raised");
        device.Alarms["temperature_low"].Should().BeEquivalentTo(new { Severity = WebKita.Grains.Defects.Severity.Minor, RaisedAt = T0.AddMinutes(30) });

        var notYet = Temperature(device, "m45", 45, 17.5);
        notYet.Events.Should().BeEmpty();
        var cleared = Temperature(notYet.State, "m50", 50, 18.5);
        cleared.Events.Select(e => e.Type).Should().Equal("sue.alarm.cleared");
        cleared.State.Alarms.Should().BeEmpty();
    }

    [Fact]
    public void Telemetry_RaisedAlarm_AsksForEscalationReminderAtAcknowledgeTime()
    {
        var leak = Sensor().Telemetry("m1", T0, [new Reading(Measurement.WaterLeak, 1)], Profile);

        leak.Events.Single().Data["alarmType"].Should().Be("water_leak");
        leak.WakeUps.Should().Contain(new DeviceWakeUp("escalate:water_leak", T0.AddMinutes(15)));
    }

    [Fact]
    public void Telemetry_ColderWhileActive_RaisesSeverity()
    {
        var device = Temperature(Temperature(Sensor(), "a", 0, 16).State, "b", 30, 16).State;

        var colder = Temperature(device, "c", 35, 13);

        colder.Events.Select(e => (e.Type, e.Data["severity"])).Should().Equal(("sue.alarm.severity_raised", "Major"));
    }

    [Fact]
    public void Telemetry_OlderThanLatestReading_IsSeenButJudgesNoRule()
    {
        var device = Temperature(Sensor(), "late-first", 10, 20).State;

        var late = device.Telemetry("old", T0, [new Reading(Measurement.WaterLeak, 1)], Profile);

        late.Events.Should().BeEmpty();
        late.State.Recent.Contains("old").Should().BeTrue();
    }

    [Fact]
    public void Telemetry_FirstMessage_ArmsSilenceCheckAndMovesItOnlyAfterHalfTheOfflineTime()
    {
        var first = Temperature(Sensor(), "a", 0, 20);
        first.WakeUps.Should().Equal(new DeviceWakeUp(Device.SilenceCheck, T0.AddHours(2)));

        Temperature(first.State, "b", 59, 20).WakeUps.Should().BeEmpty();
        Temperature(first.State, "c", 61, 20).WakeUps.Should().Equal(new DeviceWakeUp(Device.SilenceCheck, T0.AddMinutes(181)));
    }

    [Fact]
    public void CheckSilence_SilentForOfflineTime_RaisesOfflineAndNextMessageClearsIt()
    {
        var device = Temperature(Sensor(), "a", 0, 20).State;

        device.CheckSilence(T0.AddMinutes(119), Profile).Events.Should().BeEmpty();
        var silent = device.CheckSilence(T0.AddHours(2), Profile);

        silent.Events.Select(e => (e.Type, e.Data["alarmType"])).Should().Equal(("sue.alarm.raised", "offline"));
        silent.State.IsOffline.Should().BeTrue();
        var back = Temperature(silent.State, "b", 180, 20);
        back.Events.Select(e => (e.Type, e.Data["alarmType"])).Should().Equal(("sue.alarm.cleared", "offline"));
    }

    [Fact]
    public void Status_LastWillOffline_RaisesOfflineOnceAndOnlineClears()
    {
        var offline = Sensor().Status(false, T0, Profile);
        var again = offline.State.Status(false, T0.AddSeconds(1), Profile);
        var online = again.State.Status(true, T0.AddMinutes(1), Profile);

        offline.Events.Single().Type.Should().Be("sue.alarm.raised");
        again.Events.Should().BeEmpty();
        online.Events.Single().Type.Should().Be("sue.alarm.cleared");
    }

    [Fact]
    public void AcknowledgeAlarm_ThenEscalationReminder_DoesNotEscalate()
    {
        var leak = Sensor().Telemetry("m1", T0, [new Reading(Measurement.WaterLeak, 1)], Profile).State;

        var acknowledged = leak.AcknowledgeAlarm("water_leak", Guid.NewGuid(), T0.AddMinutes(5)).Value!.State;

        acknowledged.EscalateAlarm("water_leak", T0.AddMinutes(15)).Events.Should().BeEmpty();
        var escalated = leak.EscalateAlarm("water_leak", T0.AddMinutes(15));
        escalated.Events.Single().Type.Should().Be("sue.alarm.escalated");
        escalated.WakeUps.Should().Equal(new DeviceWakeUp("escalate:water_leak", T0.AddMinutes(30)));
    }

    [Fact]
    public void MessageIdRing_BeyondCapacity_ForgetsOldestAndSurvivesJsonWithItsSlots()
    {
        var ring = MessageIdRing.Empty;
        for (var i = 0; i <= MessageIdRing.Capacity; i++)
        {
            ring = ring.Add($"m{i}");
        }

        var json = JsonSerializer.Deserialize<MessageIdRing>(JsonSerializer.Serialize(ring))!;
        var copy = MessageIdRing.Restore(json.Total, ring.ChunksSince(0).Select(c => (c.Chunk, ring.Total, c.Hashes)));

        copy.Count.Should().Be(MessageIdRing.Capacity);
        copy.Contains("m0").Should().BeFalse();
        copy.Contains("m1").Should().BeTrue();
        copy.Contains($"m{MessageIdRing.Capacity}").Should().BeTrue();
    }
}
