using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MQTTnet;
using WebKita.Api.Tests.Support;
using WebKita.IotGateway.Ingestion;
using WebKita.Testing;

namespace WebKita.Api.Tests.Hosting;

/// <summary>
/// The api's host is stopped twice at once when something else stops it (WebApplicationFactory,
/// a test harness): its own <c>app.Run()</c> stops it again on ApplicationStopping and disposes the
/// services as soon as that second stop returns. The gateway's ingestion must not let either return
/// while it is still disconnecting and releasing its session lease through the store.
/// </summary>
public sealed class InProcessIngestionStopTests
{
    [Fact]
    public async Task Stop_TwoCallersAtOnce_NeitherReturnsBeforeTheSessionIsReleased()
    {
        await using var broker = await MosquittoBroker.StartSecuredAsync();
        await using var api = await WebKitaApiFactory.CreateAsync(BrokerDevices.Settings(broker, new Dictionary<string, string>
        {
            ["Broker:GatewayPassword"] = broker.GatewayPassword,
            ["Ingestion:InProcess"] = "true",
            ["Ingestion:ClientId"] = "stop-twice-test",
            ["Photos:Limits:MaxBytes"] = "1000000",
        }));
        using var admin = await api.CreateAdminClientAsync();
        await using var kiosk = BrokerDevices.Client(broker, await BrokerDevices.RegisterKioskAsync(admin, "kiosk-s1"));
        (await kiosk.ConnectAsync()).ResultCode.Should().Be(MqttClientConnectResultCode.Success);
        await kiosk.SubscribeAsync("sue/v1/kiosk-s1/ack");
        await KioskAck.ReportAsync(kiosk, "kiosk-s1", "r-1", maxBytes: 1_000_000); // answered: the ingestion is connected
        var ingestion = api.Services.GetServices<IHostedService>().OfType<IngestionService>().Single();

        var byHarness = ingestion.StopAsync(CancellationToken.None);
        var byApp = ingestion.StopAsync(CancellationToken.None);
        await Task.WhenAny(byHarness, byApp);

        byHarness.IsCompleted.Should().BeTrue("the app disposes the store once its own stop returns");
        byApp.IsCompleted.Should().BeTrue("the harness goes on to stop the silo once its stop returns");
    }
}
