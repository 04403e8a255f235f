using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WebKita.Api.Alarms;
using WebKita.Api.Tests.Defects;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Accounts;
using WebKita.Grains.Devices;
using WebKita.Silo.Devices;
using WebKita.Silo.Runtime;

namespace WebKita.Api.Tests.Alarms;

public sealed class AlarmEndpointTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task SchoolProfile_RuleHolds_ManagerSeesAlarmAndAcknowledgesIt()
    {
        var world = await SueWorld.CreateAsync(api, "alarm");
        var rule = new AlarmRuleDto("too_hot", "temperature", "above", 30, "below", 27, null, 2, "major", [], false);
        using var put = await api.Admin.Http.PutAsJsonAsync(
            $"{api.Admin.Tenant}/alarm-profiles/{Guid.NewGuid()}", new AlarmProfileRequest("Sommer", world.SchoolId, [rule], null, 60), ApiJson.Options);
        (await WebKitaClient.ReadAsync<AlarmProfileResponse>(put, HttpStatusCode.OK)).Rules.Should().ContainSingle().Which.Should().BeEquivalentTo(rule);
        await RegisterSensorAsync(world, "hot-1");

        var now = DateTimeOffset.UtcNow;
        (await SendAsync("hot-1", "m1", now.AddSeconds(-20), 31)).Should().BeOfType<DeviceMessageOutcome.Accepted>();
        var afterOne = await ListAsync(world);
        await SendAsync("hot-1", "m2", now.AddSeconds(-10), 32);
        var afterTwo = await ListAsync(world);
        using var ack = await world.Manager.Http.PostAsync($"{world.Manager.Tenant}/alarms/hot-1/too_hot/acknowledge", null);

        afterOne.Should().BeEmpty("the rule wants two readings in a row");
        afterTwo.Should().ContainSingle().Which.Should().BeEquivalentTo(new { DeviceId = "hot-1", Room = "A1.12", Alarm = new { Type = "too_hot", Severity = "Major", Value = 32.0 } });
        (await WebKitaClient.ReadAsync<ActiveAlarmResponse>(ack, HttpStatusCode.OK)).Alarm.AcknowledgedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task PutProfile_BadComparison_400()
    {
        using var put = await api.Admin.Http.PutAsJsonAsync(
            $"{api.Admin.Tenant}/alarm-profiles/{Guid.NewGuid()}",
            new AlarmProfileRequest("Kaputt", null, [new AlarmRuleDto("x", "temperature", "sideways", 30, null, null, null, null, "major", [], false)], null, null),
            ApiJson.Options);

        (await Problem.ReadAsync(put, HttpStatusCode.BadRequest)).Errors.Keys.Should().Equal("rules[0]");
    }

    private async Task<ActiveAlarmResponse[]> ListAsync(SueWorld world) =>
        await WebKitaClient.ReadAsync<ActiveAlarmResponse[]>(await world.Manager.Http.GetAsync($"{world.Manager.Tenant}/alarms"), HttpStatusCode.OK);

    private async Task RegisterSensorAsync(SueWorld world, string deviceId)
    {
        var device = Device.Register(SueWorld.Tenant, deviceId, world.SchoolId, world.Building.Id, "A1.12", DeviceKind.Sensor, [Measurement.Temperature], null, DateTimeOffset.UtcNow).Value!;
        (await api.Factory.Services.GetRequiredService<DeviceRegistry>().RegisterAsync(device, new Actor(Guid.NewGuid(), Role.CountyAdmin), default)).Refusal.Should().BeNull();
    }

    private Task<DeviceMessageOutcome> SendAsync(string deviceId, string messageId, DateTimeOffset at, double temperature) =>
        api.Factory.Services.GetRequiredService<IDeviceMessageSink>().ApplyAsync(
            new DeviceMessage(
                deviceId, DeviceChannel.Telemetry,
                Encoding.UTF8.GetBytes($$"""{"deviceId":"{{deviceId}}","messageId":"{{messageId}}","timestamp":"{{at:O}}","measurements":{"temperature":{{temperature}}} }"""),
                DateTimeOffset.UtcNow),
            default);
}
