using System.Globalization;
using WebKita.Gateway.Tests.Support;
using WebKita.Grains.Devices;

namespace WebKita.Gateway.Tests.Ingestion;

public sealed partial class IngestionTests
{
    /// <summary>
    /// One sensor, leaking and dry by turns, read by two gateways on the shared subscription, which
    /// hands its messages to both. Each reading is published once the one before is committed, so
    /// the device's order is the publishing order whichever gateway took a reading: every reading
    /// must be judged (none skipped as late, none judged twice), which the alarm's events show as
    /// exactly one raise per leak and one clear per dry reading, at the readings' own times.
    /// </summary>
    [Fact]
    public async Task TwoGateways_OneSensorsReadings_EachJudgedInDeviceOrder_OneAlarmEffectPerCrossing()
    {
        const int readings = 30;
        const string id = "leak-001";
        await RegisterAsync(id, DeviceKind.Sensor, Measurement.WaterLeak);
        await using var sensor = await Devices.ConnectAsync(Devices.Options(_broker, id, $"pw-{id}"));
        await using var first = await GatewayProcess.StartAsync(_broker, _domain.ConnectionString, "gw-a");
        await using var second = await GatewayProcess.StartAsync(_broker, _domain.ConnectionString, "gw-b");

        // Whole milliseconds: the store keeps event times to the microsecond.
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var times = Enumerable.Range(0, readings).Select(n => start.AddMilliseconds(10 * n)).ToList();
        for (var n = 0; n < readings; n++)
        {
            var reading = n;
            (await sensor.PublishAsync($"sue/v1/{id}/telemetry", Leak(id, $"m{reading}", times[reading], leaking: reading % 2 == 0))).IsSuccess.Should().BeTrue();
            await _domain.EventuallyAsync(async () => (await _domain.DeviceAsync(id)).Recent.Contains($"m{reading}"), TestTimeouts.Default, $"reading {reading} committed");
        }

        var handledByFirst = await GatewayProcess.StopAsync(first);
        var handledBySecond = await GatewayProcess.StopAsync(second);
        var events = await _domain.Store.ReadEventsAsync(SueDomain.Tenant.Value, Device.IdFor(id), default);

        events.Where(e => e.Type.StartsWith("sue.alarm.", StringComparison.Ordinal)).Select(e => (e.Type, e.OccurredAt))
            .Should().Equal(times.Select((at, n) => (n % 2 == 0 ? "sue.alarm.raised" : "sue.alarm.cleared", at)), "each crossing has one effect, in the device's order");
        handledByFirst.Should().BePositive("the shared subscription gave the first gateway some readings");
        handledBySecond.Should().BePositive("and the second some");
        (handledByFirst + handledBySecond).Should().Be(readings);
        (await _domain.DeviceAsync(id)).LastReadingAt.Should().Be(times[^1], "the last reading was judged last");
        (await _domain.DeadLettersAsync()).Should().BeEmpty();
    }

    private static string Leak(string deviceId, string messageId, DateTimeOffset at, bool leaking) =>
        string.Create(CultureInfo.InvariantCulture, $$$"""{"deviceId":"{{{deviceId}}}","messageId":"{{{messageId}}}","timestamp":"{{{at:O}}}","measurements":{"waterLeak":{{{(leaking ? "true" : "false")}}}}}""");
}
