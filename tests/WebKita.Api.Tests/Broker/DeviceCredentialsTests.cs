using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using WebKita.Api.Buildings;
using WebKita.Api.Devices;
using WebKita.Api.Tests.Support;
using WebKita.Mqtt;
using WebKita.Mqtt.Connecting;
using WebKita.Mqtt.Packets;
using WebKita.Mqtt.Publishing;
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
        _factory = await WebKitaApiFactory.CreateAsync(new Dictionary<string, string>
        {
            ["Broker:Host"] = "127.0.0.1",
            ["Broker:Port"] = _broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Broker:AdminUser"] = _broker.AdminUser,
            ["Broker:AdminPassword"] = _broker.AdminPassword,
        });
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
        var school = await admin.CreateSchoolAsync("Schule am Broker");
        using var created = await admin.Http.PostAsJsonAsync(
            $"{admin.Tenant}/buildings", new BuildingRequest(school.Id, "Haus M", [new("A1.12", "Klasse 2b")]), ApiJson.Options);
        var building = await WebKitaClient.ReadAsync<BuildingResponse>(created, HttpStatusCode.Created);

        using var registered = await admin.Http.PostAsJsonAsync(
            $"{admin.Tenant}/devices", new DeviceRequest("kiosk-m1", building.Id, "A1.12", "kiosk", [], null), ApiJson.Options);
        var credentials = (await WebKitaClient.ReadAsync<RegisteredDeviceResponse>(registered, HttpStatusCode.Created)).Mqtt;

        await using var device = new MqttClient(MqttClientOptions.ForTcp("127.0.0.1", _broker.Port) with
        {
            ClientId = credentials.Username,
            Username = credentials.Username,
            Password = Encoding.UTF8.GetBytes(credentials.Password),
            Reconnect = new MqttReconnectOptions { Enabled = false },
        });
        (await device.ConnectAsync()).ReasonCode.Should().Be(MqttReasonCode.Success);
        (await device.PublishAsync(Message("sue/v1/kiosk-m1/status"))).IsSuccess.Should().BeTrue();
        (await device.PublishAsync(Message("sue/v1/kiosk-other/report"))).ReasonCode.Should().Be(MqttReasonCode.NotAuthorized);
        (await device.SubscribeAsync("sue/v1/+/ack")).Items[0].ReasonCode.Should().Be(MqttReasonCode.NotAuthorized);
        _broker.Log.Should().NotContain(credentials.Password);
    }

    private static MqttApplicationMessage Message(string topic) => new()
    {
        Topic = topic,
        Payload = """{"status":"online"}"""u8.ToArray(),
        QualityOfService = MqttQualityOfService.AtLeastOnce,
    };
}
