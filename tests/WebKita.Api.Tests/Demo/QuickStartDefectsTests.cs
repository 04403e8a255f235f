using System.Globalization;
using WebKita.Api.Demo;
using WebKita.Api.Tests.Support;
using WebKita.Testing;

namespace WebKita.Api.Tests.Demo;

/// <summary>
/// What scripts/run gives a facility manager: the api as its own process with the demo data, the
/// gateway's ingestion in process and the demo kiosk and sensor, against the project's broker. The
/// facility manager's printed login sees the kiosk's ticket and the sensor's leak alarm arrive live.
/// </summary>
public sealed class QuickStartDefectsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Start_WithBroker_FacilityManagerSeesTicketAndAlarmLive()
    {
        await using var broker = await MosquittoBroker.StartSecuredAsync();
        var database = await (await PostgresServer.Shared).CreateDatabaseAsync();
        await using var api = await TestApiProcess.StartAsync(database, new Dictionary<string, string>
        {
            ["Demo:Enabled"] = "true",
            ["Demo:Devices"] = "true",
            ["Demo:SensorSeconds"] = "0.5",
            ["Broker:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Broker:AdminPassword"] = broker.AdminPassword,
            ["Broker:GatewayPassword"] = broker.GatewayPassword,
            ["Ingestion:InProcess"] = "true",
            ["Ingestion:ClientId"] = "quickstart-test",
        });
        await api.WaitForOutputAsync("Sag's uns einfach:", Patience);
        var password = api.Output.Split('\n').Single(l => l.TrimStart().StartsWith("FacilityManager ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];
        using var manager = api.CreateClient(tenant: DemoData.Tenant.Value);
        manager.WithToken(await manager.SignInAsync(new Credentials("hausmeister@demo.webkita.de", password)));

        using var stream = await AlertStream.OpenAsync(manager, lastEventId: 0, Patience);
        var seen = new List<Alert>();
        while (!(seen.Any(a => a.Type == "sue.ticket.opened") && seen.Any(a => a.Type == "sue.alarm.raised")))
        {
            seen.Add(await stream.NextAsync());
        }

        seen.Should().Contain(a => a.Type == "sue.alarm.raised" && a.Data.GetProperty("deviceId").GetString() == DemoDevices.SensorId
            && a.Data.GetProperty("alarmType").GetString() == "water_leak");
        seen.Should().OnlyContain(a => a.Data.GetProperty("buildingId").GetGuid() == DemoData.BuildingId);
    }
}
