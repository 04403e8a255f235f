using System.Text;
using WebKita.Grains.Defects;
using WebKita.Grains.Devices;
using WebKita.Silo.Devices;
using WebKita.Testing;
using static WebKita.Silo.Tests.Devices.SueSilo;

namespace WebKita.Silo.Tests.Devices;

/// <summary>The device-message sink on real PostgreSQL: one effect per message, stable refusals, reports to tickets.</summary>
public sealed class DeviceMessagesTests : IAsyncLifetime
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
    public async Task ApplyAsync_SameTelemetryTwice_HasOneEffect()
    {
        var sensor = await _silo.RegisterAsync("leak-1", DeviceKind.Sensor, "A1", Measurement.WaterLeak);
        var message = Telemetry("leak-1", "m1", T0, "\"waterLeak\":true");

        var first = await _silo.SendAsync("leak-1", DeviceChannel.Telemetry, message);
        var second = await _silo.SendAsync("leak-1", DeviceChannel.Telemetry, message);

        first.Should().Be(new DeviceMessageOutcome.Accepted(null));
        second.Should().Be(new DeviceMessageOutcome.Accepted(null));
        (await _silo.EventTypesAsync(sensor.Id)).Should().Equal("sue.alarm.raised");
        (await _silo.DeviceRowAsync("leak-1")).Version.Should().Be(2, "registration and the one effect");
    }

    [Fact]
    public async Task ApplyAsync_SameMessagesThroughTwoSilosAtOnce_EachHasOneEffect()
    {
        var sensor = await _silo.RegisterAsync("leak-2", DeviceKind.Sensor, "A1", Measurement.WaterLeak);
        await using var other = await StartAsync(_database, _time);
        var messages = Enumerable.Range(1, 40).Select(i => Telemetry("leak-2", $"m{i}", T0.AddSeconds(i), i % 2 == 1 ? "\"waterLeak\":true" : "\"waterLeak\":false")).ToList();

        // Every message goes to both silos at once, as a redelivery to a second gateway would; the
        // device's messages one after another, as a device publishes them (a reading older than the
        // last one applied is accepted without effect on the alarms, so parallel sends would race).
        var outcomes = new List<DeviceMessageOutcome>();
        foreach (var message in messages)
        {
            outcomes.AddRange(await Task.WhenAll(_silo.SendAsync("leak-2", DeviceChannel.Telemetry, message), other.SendAsync("leak-2", DeviceChannel.Telemetry, message)));
        }

        outcomes.Should().AllBeEquivalentTo(new DeviceMessageOutcome.Accepted(null));
        var types = await _silo.EventTypesAsync(sensor.Id);
        types.Should().HaveCount(40);
        types.Count(t => t == "sue.alarm.raised").Should().Be(20);
    }

    [Fact]
    public async Task ApplyAsync_RunOfOneDevice_DecidedInOrderAndWrittenOnce()
    {
        var sensor = await _silo.RegisterAsync("leak-4", DeviceKind.Sensor, "A1", Measurement.WaterLeak);
        DeviceMessage Message(string json) => new("leak-4", DeviceChannel.Telemetry, Encoding.UTF8.GetBytes(json), _time.GetUtcNow());

        var outcomes = await _silo.Sink.ApplyAsync(
            [
                Message(Telemetry("leak-4", "m1", T0, "\"waterLeak\":true")),
                Message("{not json"),
                Message(Telemetry("leak-4", "m2", T0.AddSeconds(1), "\"waterLeak\":false")),
                Message(Telemetry("leak-4", "m1", T0, "\"waterLeak\":true")),
            ],
            default);

        outcomes.Select(o => o is DeviceMessageOutcome.Refused r ? r.Reason : "accepted").Should().Equal("accepted", "payload.invalid_json", "accepted", "accepted");
        (await _silo.EventTypesAsync(sensor.Id)).Should().Equal("sue.alarm.raised", "sue.alarm.cleared");
        (await _silo.DeviceRowAsync("leak-4")).Version.Should().Be(2, "registration and one write for the run");
    }

    [Fact]
    public async Task ApplyAsync_RepeatsInAFreshSiloAfterTheRingWrapped_HaveNoEffect()
    {
        await _silo.RegisterAsync("leak-3", DeviceKind.Sensor, "A1", Measurement.WaterLeak);
        var count = MessageIdRing.Capacity + 5;
        var messages = Enumerable.Range(0, count).Select(i => Telemetry("leak-3", $"m{i}", T0.AddMilliseconds(100 * i), "\"waterLeak\":false")).ToList();
        (await Task.WhenAll(messages.Select(m => _silo.SendAsync("leak-3", DeviceChannel.Telemetry, m)))).Should().AllBeEquivalentTo(new DeviceMessageOutcome.Accepted(null));
        var version = (await _silo.DeviceRowAsync("leak-3")).Version;
        await using var fresh = await StartAsync(_database, _time);

        // The fresh silo has nothing cached: it knows the latest ids only from the store's slots.
        var repeated = await fresh.SendAsync("leak-3", DeviceChannel.Telemetry, messages[6]);
        var latest = await fresh.SendAsync("leak-3", DeviceChannel.Telemetry, messages[^1]);

        repeated.Should().Be(new DeviceMessageOutcome.Accepted(null));
        latest.Should().Be(new DeviceMessageOutcome.Accepted(null));
        (await _silo.DeviceRowAsync("leak-3")).Version.Should().Be(version, "neither repeat changed the device");
        var stored = (await fresh.Get<DeviceRegistry>().FindAsync(Tenant, "leak-3", default))!.Recent;
        stored.Total.Should().Be(count);
        stored.Contains("m4").Should().BeFalse();
        stored.Contains("m5").Should().BeTrue();
    }

    [Theory]
    [InlineData("nobody-1", DeviceChannel.Telemetry, "{}", "device.unknown")]
    [InlineData("temp-9", DeviceChannel.Telemetry, "{not json", "payload.invalid_json")]
    [InlineData("temp-9", DeviceChannel.Telemetry, """{"deviceId":"temp-8","messageId":"m","timestamp":"2026-11-23T08:00:00Z","measurements":{"temperature":20}}""", "device.mismatch")]
    [InlineData("temp-9", DeviceChannel.Telemetry, """{"deviceId":"temp-9","messageId":"m","timestamp":"2026-11-23T08:00:00Z","measurements":{"temperature":120}}""", "payload.value_out_of_range")]
    [InlineData("temp-9", DeviceChannel.Telemetry, """{"deviceId":"temp-9","messageId":"m","timestamp":"2026-11-23T08:00:00Z","measurements":{"radon":3}}""", "payload.unknown_measurement")]
    [InlineData("temp-9", DeviceChannel.Telemetry, """{"deviceId":"temp-9","messageId":"m","timestamp":"2026-11-23T08:00:00Z","measurements":{"co2":800}}""", "payload.measurement_not_registered")]
    [InlineData("temp-9", DeviceChannel.Telemetry, """{"deviceId":"temp-9","messageId":"m","timestamp":"2026-11-24T08:00:00Z","measurements":{"temperature":20}}""", "payload.timestamp_out_of_range")]
    [InlineData("temp-9", DeviceChannel.Telemetry, """{"deviceId":"temp-9","timestamp":"2026-11-23T08:00:00Z","measurements":{"temperature":20}}""", "payload.invalid")]
    [InlineData("temp-9", DeviceChannel.Report, """{"deviceId":"temp-9","reportId":"r1","category":"sanitary"}""", "device.wrong_kind")]
    [InlineData("kiosk-9", DeviceChannel.Report, """{"deviceId":"kiosk-9","reportId":"r1","category":"roof"}""", "payload.unknown_category")]
    [InlineData("kiosk-9", DeviceChannel.Telemetry, """{"deviceId":"kiosk-9","messageId":"m","timestamp":"2026-11-23T08:00:00Z","measurements":{"temperature":20}}""", "device.wrong_kind")]
    [InlineData("kiosk-9", DeviceChannel.Status, """{"deviceId":"kiosk-9","status":"sleepy"}""", "payload.invalid")]
    public async Task ApplyAsync_InvalidMessage_RefusedWithStableReason(string deviceId, DeviceChannel channel, string payload, string reason)
    {
        await _silo.RegisterAsync("temp-9", DeviceKind.Sensor, "A1", Measurement.Temperature);
        await _silo.RegisterAsync("kiosk-9", DeviceKind.Kiosk, "A1");

        var outcome = await _silo.SendAsync(deviceId, channel, payload);

        outcome.Should().BeOfType<DeviceMessageOutcome.Refused>().Which.Reason.Should().Be(reason);
        ((DeviceMessageOutcome.Refused)outcome).Tenant.Should().Be(deviceId == "nobody-1" ? null : Tenant.Value);
    }

    [Fact]
    public async Task ApplyAsync_TextTooLong_RefusedTextTooLong()
    {
        await _silo.RegisterAsync("kiosk-8", DeviceKind.Kiosk, "A1");

        var outcome = await _silo.SendAsync("kiosk-8", DeviceChannel.Report, Report("kiosk-8", "r1", text: new string('x', DefectReport.MaxTextLength + 1)));

        outcome.Should().BeOfType<DeviceMessageOutcome.Refused>().Which.Reason.Should().Be("payload.text_too_long");
    }

    [Fact]
    public async Task ApplyAsync_Reports_OpenJoinAndRepeatWithTicketNumberInAck()
    {
        await _silo.RegisterAsync("kiosk-1", DeviceKind.Kiosk, "A1.12");
        await _silo.RegisterAsync("kiosk-2", DeviceKind.Kiosk, "A1.12");

        var opened = await _silo.SendAsync("kiosk-1", DeviceChannel.Report, Report("kiosk-1", "r-1"));
        var joined = await _silo.SendAsync("kiosk-2", DeviceChannel.Report, Report("kiosk-2", "r-1"));
        var repeated = await _silo.SendAsync("kiosk-1", DeviceChannel.Report, Report("kiosk-1", "r-1"));
        var other = await _silo.SendAsync("kiosk-1", DeviceChannel.Report, Report("kiosk-1", "r-2", "windows_doors"));

        Ack(opened).Should().Be("""{"reportId":"r-1","ticket":1,"result":"opened","reports":1,"status":"new"}""");
        Ack(joined).Should().Be("""{"reportId":"r-1","ticket":1,"result":"joined","reports":2,"status":"new"}""");
        Ack(repeated).Should().Be("""{"reportId":"r-1","ticket":1,"result":"repeated","reports":2,"status":"new"}""");
        Ack(other).Should().Be("""{"reportId":"r-2","ticket":2,"result":"opened","reports":1,"status":"new"}""");
    }

    [Fact]
    public async Task Status_LastWillThenOnline_RaisesAndClearsOffline()
    {
        var kiosk = await _silo.RegisterAsync("kiosk-3", DeviceKind.Kiosk, "A1");

        await _silo.SendAsync("kiosk-3", DeviceChannel.Status, """{"deviceId":"kiosk-3","status":"offline"}""");
        _time.Advance(TimeSpan.FromMinutes(1));
        await _silo.SendAsync("kiosk-3", DeviceChannel.Status, """{"deviceId":"kiosk-3","status":"online"}""");

        (await _silo.EventTypesAsync(kiosk.Id)).Should().Equal("sue.alarm.raised", "sue.alarm.cleared");
    }

    private static string Ack(DeviceMessageOutcome outcome) => outcome.Should().BeOfType<DeviceMessageOutcome.Accepted>().Which.Acknowledgement!;
}
