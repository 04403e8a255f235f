using MQTTnet;
using MQTTnet.Formatter;
using WebKita.Mqtt.Tests.Client;
using WebKita.Testing;

namespace WebKita.Mqtt.Tests.Broker;

/// <summary>
/// PUBACKs on the wire in arrival order, observed at the broker: mosquitto's debug log records
/// every PUBLISH it sends and every PUBACK it receives, and <see cref="AcknowledgementAudit"/>
/// checks each PUBACK names the oldest outstanding message.
/// </summary>
public sealed class AcknowledgementOrderTests : IAsyncLifetime
{
    private const int Count = 2_000;
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync("log_type debug");

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Acknowledge_ShuffledFromManyThreads_BrokerReceivesPubAcksInArrivalOrder()
    {
        await using var client = new MqttSessionClient(_broker.ClientOptions("ordered"));
        await client.ConnectAsync();
        await client.SubscribeAsync("orders");
        await Messages.PublishAsync(_broker, "orders", Enumerable.Range(0, Count));

        var received = await client.NextMessagesAsync(Count);
        await Parallel.ForEachAsync(received.OrderBy(_ => Random.Shared.Next()), new ParallelOptions { MaxDegreeOfParallelism = 8 }, (message, _) =>
        {
            message.Acknowledge();
            return ValueTask.CompletedTask;
        });
        await client.DisconnectAsync();

        var audit = await Messages.AuditAsync(_broker, "ordered", Count);
        audit.Publishes.Should().Be(Count, audit.ToString());
        audit.Acknowledgements.Should().Be(Count, audit.ToString());
        audit.Violations.Should().Be(0, string.Join("; ", audit.FirstViolations));
    }

    [Fact]
    public async Task Audit_MqttnetAlone_AcknowledgingInReverse_CountsTheViolations()
    {
        // The control: MQTTnet sends each PUBACK when asked, so the audit must see this order broken.
        using var raw = new MqttClientFactory().CreateMqttClient();
        var held = new List<MqttApplicationMessageReceivedEventArgs>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        raw.ApplicationMessageReceivedAsync += e =>
        {
            e.AutoAcknowledge = false;
            lock (held)
            {
                held.Add(e);
                if (held.Count == 100)
                {
                    all.TrySetResult();
                }
            }

            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithClientId("unordered").WithProtocolVersion(MqttProtocolVersion.V500).Build();
        // A normal close, as MqttSessionClient does: with MQTTnet's reset the broker drops the last PUBACKs.
        ((MqttClientTcpOptions)options.ChannelOptions).LingerState = new System.Net.Sockets.LingerOption(false, 0);
        await raw.ConnectAsync(options);
        await raw.SubscribeAsync("orders", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
        await Messages.PublishAsync(_broker, "orders", Enumerable.Range(0, 100));
        await all.Task.WaitAsync(TestTimeouts.Default);

        for (var i = held.Count - 1; i >= 0; i--)
        {
            await held[i].AcknowledgeAsync(CancellationToken.None);
        }

        await raw.DisconnectAsync();

        (await Messages.AuditAsync(_broker, "unordered", 100)).Violations.Should().Be(99, string.Join("\n", _broker.Log.Split('\n').Where(l => l.Contains("unordered", StringComparison.Ordinal)).TakeLast(8)));
    }
}
