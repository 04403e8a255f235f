using WebKita.Grains.Defects;
using WebKita.Grains.Devices;
using WebKita.Silo.Defects;
using WebKita.Silo.Devices;
using WebKita.Silo.Runtime;
using WebKita.Testing;
using static WebKita.Silo.Tests.Devices.SueSilo;

namespace WebKita.Silo.Tests.Devices;

/// <summary>Durable reminders of devices and tickets, and the alarm-to-ticket link, on real PostgreSQL with a fake clock.</summary>
public sealed class DeviceRemindersTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(T0);
    private string _database = "";
    private SueSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _database = await (await PostgresServer.Shared).CreateDatabaseAsync();
        _silo = await StartAsync(_database, _time);
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Escalation_TwoSilosFireTheDueReminder_EscalatesExactlyOnce()
    {
        await _silo.RegisterAsync("kiosk-1", DeviceKind.Kiosk, "A1.12");
        await _silo.SendAsync("kiosk-1", DeviceChannel.Report, Report("kiosk-1", "r-1")); // sanitary: major, acknowledge within an hour
        await using var other = await StartAsync(_database, _time);
        var room = RoomTickets.IdFor(Tenant, BuildingId, "A1.12");

        _time.Advance(TimeSpan.FromMinutes(59));
        (await _silo.Get<ReminderService>().FireDueAsync(default)).Should().Be(0);
        _time.Advance(TimeSpan.FromMinutes(1));
        var fired = await Task.WhenAll(_silo.Get<ReminderService>().FireDueAsync(default), other.Get<ReminderService>().FireDueAsync(default));

        fired.Sum().Should().Be(1);
        (await _silo.EventTypesAsync(room)).Should().Equal("sue.ticket.opened", "sue.ticket.escalated");
        var (_, ticket) = (await _silo.Get<TicketDesk>().FindAsync(Tenant, 1, default))!.Value;
        ticket.EscalationLevel.Should().Be(1);
        var reminders = await _silo.Store.ListRemindersAsync(TicketDesk.RoomKey(Tenant, room), default);
        reminders.Should().ContainSingle().Which.DueAt.Should().Be(T0.AddHours(2));
    }

    [Fact]
    public async Task Escalation_AcknowledgedBeforeDue_ReminderFiresWithoutEffect()
    {
        await _silo.RegisterAsync("kiosk-2", DeviceKind.Kiosk, "A2");
        await _silo.SendAsync("kiosk-2", DeviceChannel.Report, Report("kiosk-2", "r-1"));
        var outcome = await _silo.Get<TicketDesk>().ChangeAsync(
            Tenant, 1, null, new ActOnTicket(TicketAction.Acknowledge, null, null), new AuditedAction(Admin, "Acknowledge"), default);
        outcome.Refusal.Should().BeNull();

        _time.Advance(TimeSpan.FromHours(1));
        (await _silo.Get<ReminderService>().FireDueAsync(default)).Should().Be(1);

        var room = RoomTickets.IdFor(Tenant, BuildingId, "A2");
        (await _silo.EventTypesAsync(room)).Should().Equal("sue.ticket.opened", "sue.ticket.status_changed");
        (await _silo.Store.ListRemindersAsync(TicketDesk.RoomKey(Tenant, room), default)).Should().BeEmpty();
    }

    [Fact]
    public async Task Silence_SensorUnheardForTwoHours_GoesOfflineOnce()
    {
        var sensor = await _silo.RegisterAsync("temp-1", DeviceKind.Sensor, "A1", Measurement.Temperature);
        await _silo.SendAsync("temp-1", DeviceChannel.Telemetry, Telemetry("temp-1", "m1", T0, "\"temperature\":21"));

        _time.Advance(TimeSpan.FromMinutes(119));
        (await _silo.Get<ReminderService>().FireDueAsync(default)).Should().Be(0);
        _time.Advance(TimeSpan.FromMinutes(1));
        (await _silo.Get<ReminderService>().FireDueAsync(default)).Should().Be(1);

        (await _silo.EventTypesAsync(sensor.Id)).Should().Equal("sue.alarm.raised");
        var device = GrainJson.Deserialize<Device>((await _silo.DeviceRowAsync("temp-1")).State);
        device.IsOffline.Should().BeTrue();
    }

    [Fact]
    public async Task AlarmRaised_OutboxDispatched_OpensCriticalSanitaryTicketOnce()
    {
        await _silo.RegisterAsync("leak-1", DeviceKind.Sensor, "B0.01", Measurement.WaterLeak);
        await _silo.SendAsync("leak-1", DeviceChannel.Telemetry, Telemetry("leak-1", "m1", T0, "\"waterLeak\":true"));

        await _silo.Get<OutboxDispatcher>().DispatchPendingAsync(default);
        await _silo.Get<IEnumerable<IOutboxSubscriber>>().OfType<WebKita.Silo.Alarms.AlarmTickets>().Single().DeliverAsync(
            (await _silo.Store.ReadEventsAsync(Tenant.Value, Device.IdFor("leak-1"), default)).Single(), default); // a redelivery

        var (room, ticket) = (await _silo.Get<TicketDesk>().FindAsync(Tenant, 1, default))!.Value;
        room.Room.Should().Be("B0.01");
        ticket.Should().BeEquivalentTo(new { Category = DefectCategory.Sanitary, Severity = Severity.Critical, Reports = 1, Source = "alarm" });
        (await _silo.Get<TicketDesk>().FindAsync(Tenant, 2, default)).Should().BeNull();
    }

    [Fact]
    public async Task AlarmSeverityRaised_OutboxDispatched_RaisesItsTicketsSeverity()
    {
        await _silo.RegisterAsync("battery-1", DeviceKind.Sensor, "C1", Measurement.Battery);
        for (var i = 1; i <= 3; i++)
        {
            await _silo.SendAsync("battery-1", DeviceChannel.Telemetry, Telemetry("battery-1", $"m{i}", T0.AddMinutes(i), "\"battery\":10"));
        }

        await _silo.Get<OutboxDispatcher>().DispatchPendingAsync(default);
        (await _silo.Get<TicketDesk>().FindAsync(Tenant, 1, default))!.Value.Ticket.Severity.Should().Be(Severity.Warning);

        await _silo.SendAsync("battery-1", DeviceChannel.Telemetry, Telemetry("battery-1", "m4", T0.AddMinutes(4), "\"battery\":3"));
        await _silo.Get<OutboxDispatcher>().DispatchPendingAsync(default);

        (await _silo.EventTypesAsync(Device.IdFor("battery-1"))).Should().Equal("sue.alarm.raised", "sue.alarm.severity_raised");
        var (_, ticket) = (await _silo.Get<TicketDesk>().FindAsync(Tenant, 1, default))!.Value;
        ticket.Should().BeEquivalentTo(new { Category = DefectCategory.It, Severity = Severity.Minor, Reports = 2 });
        (await _silo.Get<TicketDesk>().FindAsync(Tenant, 2, default)).Should().BeNull();
    }
}
