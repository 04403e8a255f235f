using System.Globalization;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using WebKita.Mqtt.Receiving;
using WebKita.Testing;

namespace WebKita.Mqtt.Tests.Broker;

/// <summary>Numbered QoS 1 messages, and publishing them through a short-lived client.</summary>
public static class Messages
{
    public static MqttApplicationMessage Numbered(string topic, int sequence) => Text(topic, sequence.ToString(CultureInfo.InvariantCulture));

    public static MqttApplicationMessage Text(string topic, string text) => new MqttApplicationMessageBuilder()
        .WithTopic(topic)
        .WithPayload(Encoding.UTF8.GetBytes(text))
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();

    public static int Sequence(this MqttReceivedMessage message) => int.Parse(Encoding.ASCII.GetString(message.Payload), CultureInfo.InvariantCulture);

    public static string Text(this MqttReceivedMessage message) => Encoding.UTF8.GetString(message.Payload);

    public static async Task PublishAsync(MosquittoBroker broker, string topic, IEnumerable<int> sequences)
    {
        await using var publisher = new MqttSessionClient(broker.ClientOptions("publisher-" + Guid.NewGuid().ToString("N")));
        await publisher.ConnectAsync();
        var results = await Task.WhenAll(sequences.Select(i => publisher.PublishAsync(Numbered(topic, i))));
        results.Should().OnlyContain(r => r.ReasonCode == MqttClientPublishReasonCode.Success);
    }

    /// <summary>
    /// The broker's audit of a client once its log shows <paramref name="count"/> PUBACKs from it
    /// (the log arrives a little after the packets), or as it stands after the default timeout.
    /// </summary>
    public static async Task<AcknowledgementAudit> AuditAsync(MosquittoBroker broker, string clientId, int count)
    {
        var fromClient = $"Received PUBACK from {clientId} ";
        await broker.WaitForLinesAsync(line => line.Contains(fromClient, StringComparison.Ordinal), count, TestTimeouts.Default);
        return AcknowledgementAudit.Of(broker.Log, clientId);
    }
}
