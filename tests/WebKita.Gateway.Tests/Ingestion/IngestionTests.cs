using System.Text;
using System.Text.Json;
using WebKita.Broker;
using WebKita.Gateway.Tests.Support;
using WebKita.Mqtt;
using WebKita.Testing;
using Xunit.Abstractions;

namespace WebKita.Gateway.Tests.Ingestion;

/// <summary>
/// The gateway process (iot-gateway's Release build) against the project's broker config and a
/// real PostgreSQL, with the marker sink: each (device, message id) commits one marker grain.
/// </summary>
public sealed class IngestionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;
    private DynamicSecurityAccounts _accounts = null!;
    private IngestionStore _store = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartSecuredAsync();
        _accounts = Devices.Accounts(_broker);
        _store = await IngestionStore.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _accounts.DisposeAsync();
        await _broker.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task MalformedMessages_AreDeadLetteredAndTheStreamGoesOn_ReportGetsItsAck()
    {
        await _accounts.CreateDeviceAsync("kiosk-1", "pw-k", default);
        await _accounts.CreateDeviceAsync("sensor-1", "pw-s", default);
        await using var gateway = await GatewayProcess.StartAsync(_broker, _store.ConnectionString, "gw-a");
        await using var kiosk = await Devices.ConnectAsync(Devices.Options(_broker, "kiosk-1", "pw-k"));
        await using var sensor = await Devices.ConnectAsync(Devices.Options(_broker, "sensor-1", "pw-s"));
        (await kiosk.SubscribeAsync(DeviceTopics.Ack("kiosk-1"))).IsSuccess.Should().BeTrue();

        (await kiosk.PublishAsync("sue/v1/kiosk-1/report", """{"messageId":"r1","category":"heating","text":"kalt"}""")).IsSuccess.Should().BeTrue();
        foreach (var (topic, payload) in new[]
        {
            ("sue/v1/sensor-1/telemetry", Devices.Telemetry("m1")),
            ("sue/v1/sensor-1/telemetry", "{not json"),
            ("sue/v1/sensor-1/bogus", Devices.Telemetry("m9")),
            ("sue/v1/sensor-1/telemetry", """{"no":"id"}"""),
            ("sue/v1/sensor-1/telemetry", Devices.Telemetry("m2")),
        })
        {
            (await sensor.PublishAsync(topic, payload)).IsSuccess.Should().BeTrue();
        }

        var ack = await kiosk.Messages.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default);
        ack.Message.Topic.Should().Be("sue/v1/kiosk-1/ack");
        JsonDocument.Parse(ack.Message.Payload).RootElement.GetProperty("messageId").GetString().Should().Be("r1");
        await IngestionStore.EventuallyAsync(async () => (await _store.DeadLettersAsync()).Count == 3 && await _store.MarkerCountAsync() == 3, TestTimeouts.Default, "3 markers and 3 dead letters");
        (await _store.MarkersAsync()).Should().BeEquivalentTo(["kiosk-1/r1", "sensor-1/m1", "sensor-1/m2"]);
        (await _store.DeadLettersAsync()).Should().Equal(
            ("payload.invalid_json", "sue/v1/sensor-1/telemetry"),
            ("topic.unknown_channel", "sue/v1/sensor-1/bogus"),
            ("payload.missing_message_id", "sue/v1/sensor-1/telemetry"));
        (await GatewayProcess.StopAsync(gateway)).Should().Be(6);
        gateway.Output.Should().NotContain(_broker.GatewayPassword).And.NotContain(_broker.AdminPassword);
    }

    [Fact]
    public async Task GatewayKilledMidBurst_Restarted_EveryMessageHasExactlyOneEffect()
    {
        var burst = await DevicesAsync(25);
        var gateway = await GatewayProcess.StartAsync(_broker, _store.ConnectionString, "gw-a");
        long atKill;
        await using (gateway)
        {
            var publishing = PublishBurstAsync(burst, 200);
            await IngestionStore.EventuallyAsync(async () => await _store.MarkerCountAsync() >= 300, TestTimeouts.Burst, "300 committed");
            gateway.Kill();
            atKill = await _store.MarkerCountAsync();
            await gateway.WaitForExitAsync(TestTimeouts.Default);
            await publishing;
        }

        await using var restarted = await GatewayProcess.StartAsync(_broker, _store.ConnectionString, "gw-a");
        await IngestionStore.EventuallyAsync(async () => await _store.MarkerCountAsync() >= 5000, TestTimeouts.Burst, "all 5000 committed");
        await GatewayProcess.StopAsync(restarted);

        atKill.Should().BeLessThan(5000, "the kill must hit the middle of the burst");
        var markers = await _store.MarkersAsync();
        markers.Should().HaveCount(5000).And.OnlyHaveUniqueItems();
        // Sorted and compared in order: BeEquivalentTo is quadratic on thousands of strings.
        markers.Order(StringComparer.Ordinal).Should().Equal(Expected(burst, 200).Order(StringComparer.Ordinal));
        (await _store.DeadLettersAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task TwoGateways_ShareABurst_NoMessageHandledByBoth()
    {
        var burst = await DevicesAsync(30);
        await using var first = await GatewayProcess.StartAsync(_broker, _store.ConnectionString, "gw-a");
        await using var second = await GatewayProcess.StartAsync(_broker, _store.ConnectionString, "gw-b");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await PublishBurstAsync(burst, 100);
        output.WriteLine($"published in {clock.ElapsedMilliseconds} ms, {await _store.MarkerCountAsync()} committed");
        await IngestionStore.EventuallyAsync(async () => await _store.MarkerCountAsync() >= 3000, TestTimeouts.Burst, "all 3000 committed");
        output.WriteLine($"committed in {clock.ElapsedMilliseconds} ms");
        var handledByFirst = await GatewayProcess.StopAsync(first);
        var handledBySecond = await GatewayProcess.StopAsync(second);

        handledByFirst.Should().BePositive();
        handledBySecond.Should().BePositive();
        (handledByFirst + handledBySecond).Should().Be(3000, "each message is handled by exactly one gateway");
        (await _store.MarkersAsync()).Order(StringComparer.Ordinal).Should().Equal(Expected(burst, 100).Order(StringComparer.Ordinal));
    }

    private async Task<IReadOnlyList<MqttClient>> DevicesAsync(int count)
    {
        var clients = new List<MqttClient>();
        for (var i = 0; i < count; i++)
        {
            var id = $"sensor-{i:D3}";
            await _accounts.CreateDeviceAsync(id, $"pw-{id}", default);
            clients.Add(await Devices.ConnectAsync(Devices.Options(_broker, id, $"pw-{id}")));
        }

        return clients;
    }

    /// <summary>Every device publishes its messages at once (QoS 1, in order per device); completes when the broker has acknowledged all of them.</summary>
    private static async Task PublishBurstAsync(IReadOnlyList<MqttClient> devices, int perDevice)
    {
        var publishes = devices.SelectMany(device => Enumerable.Range(0, perDevice).Select(n =>
            device.PublishAsync(new WebKita.Mqtt.Publishing.MqttApplicationMessage
            {
                Topic = $"sue/v1/{device.ClientId}/telemetry",
                Payload = Encoding.UTF8.GetBytes(Devices.Telemetry($"m{n}")),
                QualityOfService = WebKita.Mqtt.Packets.MqttQualityOfService.AtLeastOnce,
            }))).ToList();
        var results = await Task.WhenAll(publishes);
        results.Should().OnlyContain(r => r.IsSuccess);
        foreach (var device in devices)
        {
            await device.DisposeAsync();
        }
    }

    private static IEnumerable<string> Expected(IReadOnlyList<MqttClient> devices, int perDevice) =>
        devices.SelectMany(d => Enumerable.Range(0, perDevice).Select(n => $"{d.ClientId}/m{n}"));
}
