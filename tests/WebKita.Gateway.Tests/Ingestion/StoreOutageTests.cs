using WebKita.Broker;
using WebKita.Gateway.Tests.Support;
using WebKita.Grains.Devices;
using WebKita.Testing;

namespace WebKita.Gateway.Tests.Ingestion;

/// <summary>While the store is down the gateway acknowledges nothing: what it could not commit is still the broker's, for this gateway or the next.</summary>
public sealed class StoreOutageTests : IAsyncLifetime
{
    private PostgresServer _postgres = null!;
    private MosquittoBroker _broker = null!;
    private DynamicSecurityAccounts _accounts = null!;
    private SueDomain _domain = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        _broker = await MosquittoBroker.StartSecuredAsync();
        _accounts = Devices.Accounts(_broker);
        _domain = await SueDomain.CreateAsync(_postgres);
    }

    public async Task DisposeAsync()
    {
        await _accounts.DisposeAsync();
        await _broker.DisposeAsync();
        await _domain.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task StoreDown_MessagesNotAcknowledged_GatewayKilledThenRestartedAfterTheStore_AllApplied()
    {
        await _domain.RegisterAsync("sensor-1", DeviceKind.Sensor, Measurement.Temperature);
        await _accounts.CreateDeviceAsync("sensor-1", "pw-1", default);
        var siloPort = GatewayProcess.OnSiloPort(FreePort.Next());
        var gateway = await GatewayProcess.StartAsync(_broker, _domain.ConnectionString, "gw-a", siloPort);
        await using var sensor = await Devices.ConnectAsync(Devices.Options(_broker, "sensor-1", "pw-1"));
        await using (gateway)
        {
            (await sensor.PublishAsync("sue/v1/sensor-1/telemetry", Devices.Telemetry("sensor-1", "m1"))).IsSuccess.Should().BeTrue();
            await _domain.EventuallyAsync(async () => (await _domain.DeviceAsync("sensor-1")).Recent.Count == 1, TestTimeouts.Default, "m1 applied");

            await _postgres.StopAsync();
            (await sensor.PublishAsync("sue/v1/sensor-1/telemetry", Devices.Telemetry("sensor-1", "m2"))).IsSuccess.Should().BeTrue();
            (await sensor.PublishAsync("sue/v1/sensor-1/telemetry", Devices.Telemetry("sensor-1", "m3"))).IsSuccess.Should().BeTrue();
            await gateway.WaitForLineAsync(l => l.Contains("not committed", StringComparison.Ordinal) && l.Contains("not acknowledged", StringComparison.Ordinal), TestTimeouts.Default);
            // A crash while it waits: anything it had acknowledged would now be gone for good.
            gateway.Kill();
            await gateway.WaitForExitAsync(TestTimeouts.Default);
        }

        await _postgres.StartAgainAsync();
        _domain.ForgetDeadConnections();
        await using var restarted = await GatewayProcess.StartAsync(_broker, _domain.ConnectionString, "gw-a", siloPort);
        await _domain.EventuallyAsync(async () => (await _domain.DeviceAsync("sensor-1")).Recent.Count == 3, TestTimeouts.Burst, "m2 and m3 applied after the outage");

        var device = await _domain.DeviceAsync("sensor-1");
        new[] { "m1", "m2", "m3" }.Should().OnlyContain(id => device.Recent.Contains(id));
        (await GatewayProcess.StopAsync(restarted)).Should().Be(2, "the restarted gateway got exactly the two unacknowledged messages");
        (await _domain.DeadLettersAsync()).Should().BeEmpty();
    }
}
