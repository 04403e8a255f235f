using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using WebKita.Api.Buildings;
using WebKita.Api.Devices;
using WebKita.Mqtt;
using WebKita.Mqtt.Connecting;
using WebKita.Testing;

namespace WebKita.Api.Tests.Support;

/// <summary>The api against a test broker: its settings, kiosks registered through the api, and their MQTT clients.</summary>
public static class BrokerDevices
{
    /// <summary>The api's broker settings for <paramref name="broker"/>, plus <paramref name="more"/>.</summary>
    public static Dictionary<string, string> Settings(MosquittoBroker broker, IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Broker:Host"] = "127.0.0.1",
            ["Broker:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Broker:AdminUser"] = broker.AdminUser,
            ["Broker:AdminPassword"] = broker.AdminPassword,
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A kiosk in room A1.12 of a new school's building, registered through the api; its MQTT credentials.</summary>
    public static async Task<MqttCredentials> RegisterKioskAsync(WebKitaClient admin, string deviceId)
    {
        var school = await admin.CreateSchoolAsync($"Schule am Broker {deviceId}");
        using var created = await admin.Http.PostAsJsonAsync(
            $"{admin.Tenant}/buildings", new BuildingRequest(school.Id, "Haus M", [new("A1.12", "Klasse 2b")]), ApiJson.Options);
        var building = await WebKitaClient.ReadAsync<BuildingResponse>(created, HttpStatusCode.Created);
        using var registered = await admin.Http.PostAsJsonAsync(
            $"{admin.Tenant}/devices", new DeviceRequest(deviceId, building.Id, "A1.12", "kiosk", [], null), ApiJson.Options);
        return (await WebKitaClient.ReadAsync<RegisteredDeviceResponse>(registered, HttpStatusCode.Created)).Mqtt;
    }

    /// <summary>A client (not yet connected) for the device, without reconnecting: a refusal stays visible.</summary>
    public static MqttSessionClient Client(MosquittoBroker broker, MqttCredentials credentials) => new(new MqttConnectionOptions
    {
        Host = "127.0.0.1",
        Port = broker.Port,
        ClientId = credentials.Username,
        Username = credentials.Username,
        Password = credentials.Password,
        Reconnect = new MqttReconnectOptions { Enabled = false },
    });
}
