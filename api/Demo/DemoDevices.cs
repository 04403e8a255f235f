using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using WebKita.Api.Devices;
using WebKita.Broker;

namespace WebKita.Api.Demo;

/// <summary>
/// The demo's "Sag's uns einfach" devices, so a facility manager sees something within a minute of
/// start: a kiosk in the entrance hall and a sensor in classroom 1a of the demo building. They are
/// registered through the public api as a vendor's would be (the county admin's token, a new MQTT
/// password at every start) and then speak MQTT to the broker like real devices: the kiosk reports
/// a defect soon after start and every few minutes, the sensor sends readings every 10 seconds (<c>Demo:SensorSeconds</c>) with
/// a water leak for a minute every five, which the default alarm profile raises at once (critical)
/// and clears with the next dry reading. Runs only when <c>Demo:Devices</c> is set (scripts/run
/// sets it when it started mosquitto).
/// </summary>
public sealed partial class DemoDevices(
    IServer server, IHostApplicationLifetime lifetime, DemoAccounts accounts, BrokerOptions broker, IConfiguration configuration, TimeProvider time,
    ILogger<DemoDevices> logger)
    : BackgroundService
{
    public const string KioskId = "demo-kiosk-eingang";
    public const string SensorId = "demo-sensor-klasse-1a";

    private static readonly TimeSpan ReportEvery = TimeSpan.FromMinutes(3);

    private readonly TimeSpan _readingEvery = TimeSpan.FromSeconds(configuration.GetValue("Demo:SensorSeconds", 10.0));

    private static readonly (string Category, string Room, string Text)[] Reports =
    [
        ("sanitary", "EG.WC", "Das WC im Erdgeschoss läuft ständig nach."),
        ("windows_doors", "A1.14", "Das Fenster im Betreuungsraum schließt nicht mehr."),
        ("electrical", "EG.01", "Die Deckenlampe in der Eingangshalle flackert."),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WhenStartedAsync(stoppingToken);
        try
        {
            var baseAddress = server.Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri($"{baseAddress}/api/v1/tenants/{DemoData.Tenant}/") };
            await SignInAsAdminAsync(http, stoppingToken);
            var kiosk = await EnrolAsync(http, new DeviceRequest(KioskId, DemoData.BuildingId, "EG.01", "kiosk", [], null), stoppingToken);
            var sensor = await EnrolAsync(http, new DeviceRequest(SensorId, DemoData.BuildingId, "A1.12", "sensor", ["temperature", "co2", "waterLeak"], null), stoppingToken);
            await Task.WhenAll(RunKioskAsync(kiosk, stoppingToken), RunSensorAsync(sensor, stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is HttpRequestException or MqttCommunicationException or InvalidOperationException)
        {
            // The demo must never take the api down with it.
            Log.DevicesStopped(logger, exception);
        }
    }

    private Task WhenStartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(cancellationToken);
    }

    private async Task SignInAsAdminAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var admin = accounts.Logins.Single(l => l.Email == DemoAccounts.CountyAdminEmail);
        using var answer = await http.PostAsJsonAsync("auth/sign-in", new { admin.Email, admin.Password }, cancellationToken);
        answer.EnsureSuccessStatusCode();
        var token = (await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
    }

    /// <summary>Registers the device, or gives it a new password when a previous start registered it.</summary>
    private static async Task<MqttCredentials> EnrolAsync(HttpClient http, DeviceRequest device, CancellationToken cancellationToken)
    {
        using var registered = await http.PostAsJsonAsync("devices", device, cancellationToken);
        if (registered.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            using var renewed = await http.PostAsync($"devices/{device.DeviceId}/credentials", null, cancellationToken);
            renewed.EnsureSuccessStatusCode();
            return (await renewed.Content.ReadFromJsonAsync<MqttCredentials>(cancellationToken))!;
        }

        registered.EnsureSuccessStatusCode();
        return (await registered.Content.ReadFromJsonAsync<RegisteredDeviceResponse>(cancellationToken))!.Mqtt;
    }

    private async Task RunKioskAsync(MqttCredentials credentials, CancellationToken cancellationToken)
    {
        using var kiosk = await ConnectAsync(credentials, cancellationToken);
        for (var n = 0; !cancellationToken.IsCancellationRequested; n++)
        {
            var (category, room, text) = Reports[n % Reports.Length];
            var reportId = $"demo-{time.GetUtcNow():yyyyMMdd-HHmmss}-{n}";
            await PublishAsync(kiosk, KioskId, "report", new { deviceId = KioskId, reportId, category, text, room, attachments = Array.Empty<string>() }, cancellationToken);
            await Task.Delay(ReportEvery, time, cancellationToken);
        }
    }

    private async Task RunSensorAsync(MqttCredentials credentials, CancellationToken cancellationToken)
    {
        using var sensor = await ConnectAsync(credentials, cancellationToken);
        var run = time.GetUtcNow().ToUnixTimeSeconds();
        for (var n = 0; !cancellationToken.IsCancellationRequested; n++)
        {
            // Readings 2 to 7 of every 30 (a minute every five minutes) find water on the floor.
            var leak = n % 30 is >= 2 and < 8;
            var measurements = new { temperature = 20.5 + (n % 12 / 10.0), co2 = 650 + (n % 30 * 25), waterLeak = leak };
            await PublishAsync(
                sensor, SensorId, "telemetry", new { deviceId = SensorId, messageId = $"{run}-{n}", timestamp = time.GetUtcNow(), measurements }, cancellationToken);
            await Task.Delay(_readingEvery, time, cancellationToken);
        }
    }

    private async Task<IMqttClient> ConnectAsync(MqttCredentials credentials, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var offline = JsonSerializer.SerializeToUtf8Bytes(new { deviceId = credentials.Username, status = "offline" });
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(credentials.Username)
            .WithCredentials(credentials.Username, credentials.Password)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithWillTopic($"sue/v1/{credentials.Username}/status")
            .WithWillPayload(offline)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await client.ConnectAsync(options, cancellationToken);
        await PublishAsync(client, credentials.Username, "status", new { deviceId = credentials.Username, status = "online", timestamp = time.GetUtcNow() }, cancellationToken);
        return client;
    }

    private async Task PublishAsync(IMqttClient client, string deviceId, string kind, object payload, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic($"sue/v1/{deviceId}/{kind}")
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var published = await client.PublishAsync(message, cancellationToken);
        Log.Published(logger, deviceId, kind, published.ReasonCode.ToString());
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "demo device {DeviceId} published {Kind}: {ReasonCode}")]
        public static partial void Published(ILogger logger, string deviceId, string kind, string reasonCode);

        [LoggerMessage(Level = LogLevel.Warning, Message = "demo devices stopped")]
        public static partial void DevicesStopped(ILogger logger, Exception exception);
    }
}
