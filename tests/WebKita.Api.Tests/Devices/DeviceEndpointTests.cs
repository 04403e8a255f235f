using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WebKita.Api.Devices;
using WebKita.Api.Tests.Defects;
using WebKita.Api.Tests.Support;
using WebKita.Silo.Devices;

namespace WebKita.Api.Tests.Devices;

public sealed class DeviceEndpointTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Register_NoBrokerConfigured_503BrokerNotConfigured()
    {
        var school = await api.Admin.CreateSchoolAsync("Schule ohne Broker");
        var building = await SueWorld.CreateBuildingAsync(api, school.Id, "Haus A");

        using var response = await api.Admin.Http.PostAsJsonAsync(
            $"{api.Admin.Tenant}/devices", new DeviceRequest("kiosk-503", building.Id, "A1.12", "kiosk", [], null), ApiJson.Options);

        (await Problem.ReadAsync(response, HttpStatusCode.ServiceUnavailable)).Code.Should().Be("broker.not_configured");
        using var get = await api.Admin.Http.GetAsync($"{api.Admin.Tenant}/devices/kiosk-503");
        get.StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing is registered without credentials");
    }

    [Fact]
    public async Task Register_WithBroker_CreatesCredentialsOnceAndRefusesTheIdAgain()
    {
        var broker = new RecordingBroker();
        await using var withBroker = api.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IBrokerAccounts>(broker)));
        using var admin = new WebKitaClient(withBroker.CreateClient());
        admin.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await api.Factory.SignInAsync(Credentials.Admin));
        var school = await api.Admin.CreateSchoolAsync("Schule mit Broker");
        var building = await SueWorld.CreateBuildingAsync(api, school.Id, "Haus B");
        var request = new DeviceRequest("sensor-201", building.Id, "A1.12", "sensor", ["temperature", "co2"], null);

        using var first = await admin.Http.PostAsJsonAsync($"{admin.Tenant}/devices", request, ApiJson.Options);
        using var second = await admin.Http.PostAsJsonAsync($"{admin.Tenant}/devices", request, ApiJson.Options);

        var registered = await WebKitaClient.ReadAsync<RegisteredDeviceResponse>(first, HttpStatusCode.Created);
        registered.Mqtt.Username.Should().Be("sensor-201");
        registered.Mqtt.Password.Should().HaveLength(32);
        broker.Passwords.Should().Equal(new Dictionary<string, string> { ["sensor-201"] = registered.Mqtt.Password });
        registered.Device.Should().BeEquivalentTo(new { DeviceId = "sensor-201", SchoolId = school.Id, Kind = "sensor", Measurements = new[] { "temperature", "co2" } });
        (await Problem.ReadAsync(second, HttpStatusCode.Conflict)).Code.Should().Be("device.exists");
        (await admin.Http.GetStringAsync($"{admin.Tenant}/devices/sensor-201")).Should().NotContain(registered.Mqtt.Password);
    }

    [Fact]
    public async Task Register_RoomNotInBuilding_400()
    {
        var school = await api.Admin.CreateSchoolAsync("Schule Räume");
        var building = await SueWorld.CreateBuildingAsync(api, school.Id, "Haus C");

        using var response = await api.Admin.Http.PostAsJsonAsync(
            $"{api.Admin.Tenant}/devices", new DeviceRequest("kiosk-c", building.Id, "Keller", "kiosk", [], null), ApiJson.Options);

        (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).Errors.Keys.Should().Equal("room");
    }

    private sealed class RecordingBroker : IBrokerAccounts
    {
        public ConcurrentDictionary<string, string> Passwords { get; } = new();

        public bool IsConfigured => true;

        public Task CreateDeviceAsync(string deviceId, string password, CancellationToken cancellationToken)
        {
            Passwords[deviceId] = password;
            return Task.CompletedTask;
        }

        public Task DisableDeviceAsync(string deviceId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
