using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using WebKita.Broker;
using WebKita.Mqtt;
using WebKita.Mqtt.Connecting;
using WebKita.Testing;

namespace WebKita.Gateway.Tests.Support;

/// <summary>Device accounts and device clients against a secured test broker.</summary>
public static class Devices
{
    public static DynamicSecurityAccounts Accounts(MosquittoBroker broker) => new(
        new BrokerOptions { Port = broker.Port, AdminUser = broker.AdminUser, AdminPassword = broker.AdminPassword },
        NullLogger<DynamicSecurityAccounts>.Instance);

    public static MqttConnectionOptions Options(MosquittoBroker broker, string user, string password, string? clientId = null) =>
        broker.ClientOptions(clientId ?? user) with
        {
            Username = user,
            Password = password,
            Reconnect = new MqttReconnectOptions { Enabled = false },
        };

    /// <summary>A connected client; throws when the broker refuses the connection.</summary>
    public static async Task<MqttSessionClient> ConnectAsync(MqttConnectionOptions options)
    {
        var client = new MqttSessionClient(options);
        var result = await client.ConnectAsync();
        if (!result.IsSuccess())
        {
            await client.DisposeAsync();
            throw new InvalidOperationException($"connect refused: {result.ResultCode}");
        }

        return client;
    }

    public static Task<MqttClientPublishResult> PublishAsync(this MqttSessionClient client, string topic, string payload) =>
        client.PublishAsync(Qos1(topic, Encoding.UTF8.GetBytes(payload)));

    public static MqttApplicationMessage Qos1(string topic, byte[] payload) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    /// <summary>A harmless reading (no alarm rule fires) in the domain's telemetry format, stamped now (the domain refuses times far from its clock).</summary>
    public static string Telemetry(string deviceId, string messageId) =>
        $$$"""{"deviceId":"{{{deviceId}}}","messageId":"{{{messageId}}}","timestamp":"{{{DateTimeOffset.UtcNow:O}}}","measurements":{"temperature":21.5}}""";

    public static string Report(string deviceId, string reportId) =>
        $$$"""{"deviceId":"{{{deviceId}}}","reportId":"{{{reportId}}}","category":"heating","text":"Heizung kalt","attachments":[]}""";
}
