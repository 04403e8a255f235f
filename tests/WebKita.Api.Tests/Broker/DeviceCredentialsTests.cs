using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using WebKita.Api.Buildings;
using WebKita.Api.Devices;
using WebKita.Api.Tests.Support;
using MQTTnet;
using MQTTnet.Protocol;
using WebKita.Mqtt;
using WebKita.Testing;

namespace WebKita.Api.Tests.Broker;

/// <summary>
/// Device registration through the api against the project's broker (dynamic security, no
/// anonymous clients): the credentials the api hands out work at once, for the device's own topics only.
/// </summary>
public sealed class DeviceCredentialsTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;
    private WebKitaApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartSecuredAsync();
        _factory = await WebKitaApiFactory.CreateAsync(BrokerDevices.Settings(_broker));
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task Register_RunningBroker_CredentialsWorkAtOnceForTheDevicesOwnTopicsOnly()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var credentials = await RegisterKioskAsync(admin, "kiosk-m1");

        await using var device = Device(credentials);
        (await device.ConnectAsync()).ResultCode.Should().Be(MqttClientConnectResultCode.Success);
        (await device.PublishAsync(Message("sue/v1/kiosk-m1/status"))).IsSuccess.Should().BeTrue();
        (await device.PublishAsync(Message("sue/v1/kiosk-other/report"))).ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        (await device.SubscribeAsync("sue/v1/+/ack")).Items.Single().ResultCode.Should().Be(MqttClientSubscribeResultCode.NotAuthorized);
        _broker.Log.Should().NotContain(credentials.Password);
    }

    [Fact]
    public async Task Disable_ThenRenewCredentials_RefusedUntilRenewedAndOnlyTheNewPasswordWorks()
    {
        using var admin = await _factory.CreateAdminClientAsync();
        var old = await RegisterKioskAsync(admin, "kiosk-m2");

        (await admin.Http.PostAsync($"{admin.Tenant}/devices/kiosk-m2/disable", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await TryConnectAsync(old)).Should().NotBe(MqttClientConnectResultCode.Success);

        using var renewed = await admin.Http.PostAsync($"{admin.Tenant}/devices/kiosk-m2/credentials", null);
        var fresh = await WebKitaClient.ReadAsync<MqttCredentials>(renewed, HttpStatusCode.OK);
        fresh.Password.Should().NotBe(old.Password);
        (await TryConnectAsync(old)).Should().NotBe(MqttClientConnectResultCode.Success);
        (await TryConnectAsync(fresh)).Should().Be(MqttClientConnectResultCode.Success);
        (await admin.Http.PostAsync($"{admin.Tenant}/devices/kiosk-none/disable", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        _broker.Log.Should().NotContain(fresh.Password);
    }

    [Fact]
    public async Task Register_BrokerUnreachable_Returns503WithRetryAfter()
    {
        await using var factory = await WebKitaApiFactory.CreateAsync(new Dictionary<string, string>
        {
            ["Broker:Host"] = "127.0.0.1",
            ["Broker:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture), // nobody listens
            ["Broker:AdminUser"] = _broker.AdminUser,
            ["Broker:AdminPassword"] = _broker.AdminPassword,
        });
        using var admin = await factory.CreateAdminClientAsync();
        var school = await admin.CreateSchoolAsync("Schule ohne Broker");
        using var created = await admin.Http.PostAsJsonAsync(
            $"{admin.Tenant}/buildings", new BuildingRequest(school.Id, "Haus O", [new("A1", "Klasse 1a")]), ApiJson.Options);
        var building = await WebKitaClient.ReadAsync<BuildingResponse>(created, HttpStatusCode.Created);

        using var response = await admin.Http.PostAsJsonAsync(
            $"{admin.Tenant}/devices", new DeviceRequest("kiosk-o1", building.Id, "A1", "kiosk", [], null), ApiJson.Options);

        (await Problem.ReadAsync(response, HttpStatusCode.ServiceUnavailable)).Title.Should().Be("Temporarily unavailable");
        response.Headers.RetryAfter.Should().NotBeNull();
    }

    private static Task<MqttCredentials> RegisterKioskAsync(WebKitaClient admin, string deviceId) => BrokerDevices.RegisterKioskAsync(admin, deviceId);

    private MqttSessionClient Device(MqttCredentials credentials) => BrokerDevices.Client(_broker, credentials);

    private async Task<MqttClientConnectResultCode> TryConnectAsync(MqttCredentials credentials)
    {
        await using var device = Device(credentials);
        return (await device.ConnectAsync()).ResultCode;
    }

    private static MqttApplicationMessage Message(string topic) => new MqttApplicationMessageBuilder()
        .WithTopic(topic)
        .WithPayload("""{"status":"online"}"""u8.ToArray())
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();
}
