using System.Text;
using WebKita.Mqtt.Connecting;
using WebKita.Mqtt.Packets;
using WebKita.Mqtt.Publishing;
using WebKita.Mqtt.Tests.Client;
using WebKita.Testing;

namespace WebKita.Mqtt.Tests.Broker;

/// <summary>Sessions and delivery against a real mosquitto running the project's config.</summary>
public sealed class MosquittoSessionTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    private MqttClientOptions Persistent(string clientId) => _broker.ClientOptions(clientId) with { CleanStart = false, SessionExpiryInterval = 600 };

    private static MqttApplicationMessage Message(string topic, int sequence) => new()
    {
        Topic = topic,
        Payload = Encoding.ASCII.GetBytes(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        QualityOfService = MqttQualityOfService.AtLeastOnce,
    };

    private static int Sequence(Receiving.MqttReceivedMessage message) => int.Parse(Encoding.ASCII.GetString(message.Message.Payload), System.Globalization.CultureInfo.InvariantCulture);

    private async Task PublishAsync(string topic, IEnumerable<int> sequences)
    {
        await using var publisher = new MqttClient(_broker.ClientOptions("publisher-" + Guid.NewGuid().ToString("N")));
        await publisher.ConnectAsync();
        var results = await Task.WhenAll(sequences.Select(i => publisher.PublishAsync(Message(topic, i))));
        results.Should().OnlyContain(r => r.ReasonCode == MqttReasonCode.Success);
        await publisher.DisconnectAsync();
    }

    [Fact]
    public async Task Connect_ProjectConfig_AnnouncesReceiveMaximumFromConfig()
    {
        await using var client = new MqttClient(_broker.ClientOptions("limits"));

        var result = await client.ConnectAsync();

        result.IsSuccess.Should().BeTrue();
        result.ReceiveMaximum.Should().Be(1000, "max_inflight_messages in deploy/mosquitto/mosquitto.conf");
        result.SessionPresent.Should().BeFalse();
    }

    [Fact]
    public async Task Connect_EmptyClientId_UsesAssignedClientId()
    {
        await using var client = new MqttClient(_broker.ClientOptions(""));

        var result = await client.ConnectAsync();

        result.AssignedClientId.Should().NotBeNullOrEmpty();
        client.ClientId.Should().Be(result.AssignedClientId);
    }

    [Fact]
    public async Task PersistentSession_MessagesPublishedWhileOffline_DeliveredInOrderOnReconnect()
    {
        await using (var first = new MqttClient(Persistent("offline-gateway")))
        {
            await first.ConnectAsync();
            (await first.SubscribeAsync("plant/+/meter")).IsSuccess.Should().BeTrue();
            await first.DisconnectAsync();
        }

        await PublishAsync("plant/7/meter", Enumerable.Range(1, 50));

        await using var second = new MqttClient(Persistent("offline-gateway"));
        (await second.ConnectAsync()).SessionPresent.Should().BeTrue();
        var received = await second.NextMessagesAsync(50);
        received.ForEach(m => m.Acknowledge());

        received.Select(Sequence).Should().Equal(Enumerable.Range(1, 50));
        received.Should().OnlyContain(m => m.Message.Topic == "plant/7/meter" && m.Message.QualityOfService == MqttQualityOfService.AtLeastOnce);
    }

    [Fact]
    public async Task UnacknowledgedMessages_AfterReconnect_RedeliveredWithDup()
    {
        await using (var first = new MqttClient(Persistent("slow-gateway")))
        {
            await first.ConnectAsync();
            await first.SubscribeAsync("jobs");
            await PublishAsync("jobs", Enumerable.Range(1, 10));
            var unacknowledged = await first.NextMessagesAsync(10);
            unacknowledged.Take(4).ToList().ForEach(m => m.Acknowledge());
            unacknowledged.Select(Sequence).Should().Equal(Enumerable.Range(1, 10));
            await first.DisconnectAsync();
        }

        await using var second = new MqttClient(Persistent("slow-gateway"));
        (await second.ConnectAsync()).SessionPresent.Should().BeTrue();
        var redelivered = await second.NextMessagesAsync(6);
        redelivered.ForEach(m => m.Acknowledge());

        redelivered.Select(Sequence).Should().Equal(Enumerable.Range(5, 6));
        redelivered.Should().OnlyContain(m => m.Duplicate);
    }

    [Fact]
    public async Task SharedSubscription_TwoClients_SplitMessagesWithNoneLostOrSeenTwice()
    {
        await using var a = new MqttClient(_broker.ClientOptions("shared-a"));
        await using var b = new MqttClient(_broker.ClientOptions("shared-b"));
        await a.ConnectAsync();
        await b.ConnectAsync();
        (await a.SubscribeAsync("$share/gateways/readings/#")).IsSuccess.Should().BeTrue();
        (await b.SubscribeAsync("$share/gateways/readings/#")).IsSuccess.Should().BeTrue();
        const int Count = 400;
        var seenByA = new List<int>();
        var seenByB = new List<int>();
        var allSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var distinct = new HashSet<int>();
        async Task Drain(MqttClient client, List<int> seen)
        {
            await foreach (var message in client.Messages.ReadAllAsync())
            {
                message.Acknowledge();
                lock (distinct)
                {
                    seen.Add(Sequence(message));
                    distinct.Add(Sequence(message));
                    if (distinct.Count == Count)
                    {
                        allSeen.TrySetResult();
                    }
                }
            }
        }

        var drainA = Drain(a, seenByA);
        var drainB = Drain(b, seenByB);
        await PublishAsync("readings/boiler", Enumerable.Range(0, Count));
        await allSeen.Task.WaitAsync(TestTimeouts.Default);

        lock (distinct)
        {
            seenByA.Should().OnlyHaveUniqueItems();
            seenByB.Should().OnlyHaveUniqueItems();
            seenByA.Intersect(seenByB).Should().BeEmpty();
            seenByA.Concat(seenByB).Should().BeEquivalentTo(Enumerable.Range(0, Count));
            seenByA.Should().NotBeEmpty();
            seenByB.Should().NotBeEmpty();
        }
    }

    [Fact]
    public async Task Publish_PropertiesAndQos0_ArriveThroughBrokerUnchanged()
    {
        await using var client = new MqttClient(_broker.ClientOptions("properties"));
        await client.ConnectAsync();
        await client.SubscribeAsync("rpc/#");
        var sent = new MqttApplicationMessage
        {
            Topic = "rpc/request",
            Payload = Encoding.UTF8.GetBytes("{\"op\":\"ping\"}"),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            PayloadIsUtf8 = true,
            ContentType = "application/json",
            ResponseTopic = "rpc/reply/7",
            CorrelationData = [0xCA, 0xFE],
            MessageExpiryInterval = 300,
            UserProperties = [new("tenant", "sekolah-1"), new("trace", "abc")],
        };

        (await client.PublishAsync(sent)).ReasonCode.Should().Be(MqttReasonCode.Success);
        (await client.PublishAsync(sent with { QualityOfService = MqttQualityOfService.AtMostOnce, Topic = "rpc/fire" })).IsSuccess.Should().BeTrue();

        var first = await client.NextMessageAsync();
        first.Acknowledge();
        first.Message.Should().BeEquivalentTo(sent, o => o.Excluding(m => m.MessageExpiryInterval));
        first.Message.MessageExpiryInterval.Should().BeInRange(299u, 300u);
        var second = await client.NextMessageAsync();
        second.Message.Topic.Should().Be("rpc/fire");
        second.Message.QualityOfService.Should().Be(MqttQualityOfService.AtMostOnce);
        second.Acknowledge().Should().BeFalse();
    }

    [Fact]
    public async Task Unsubscribe_Subscribed_StopsDeliveryAndReportsCodes()
    {
        await using var client = new MqttClient(_broker.ClientOptions("unsubscriber"));
        await client.ConnectAsync();
        await client.SubscribeAsync("a");
        await client.SubscribeAsync("b");

        var result = await client.UnsubscribeAsync(["a", "never"]);
        await client.PublishAsync(Message("a", 1));
        await client.PublishAsync(Message("b", 2));

        result.Items.Select(i => i.ReasonCode).Should().Equal(MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted);
        var next = await client.NextMessageAsync();
        next.Message.Topic.Should().Be("b", "the publish to 'a' came first and must not be delivered");
    }

    [Fact]
    public async Task Will_DisconnectWithWillMessage_BrokerPublishesTheWill()
    {
        await using var watcher = new MqttClient(_broker.ClientOptions("will-watcher"));
        await watcher.ConnectAsync();
        await watcher.SubscribeAsync("gateways/+/status");
        var will = new MqttApplicationMessage
        {
            Topic = "gateways/9/status",
            Payload = Encoding.UTF8.GetBytes("offline"),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            ContentType = "text/plain",
        };
        await using var gateway = new MqttClient(_broker.ClientOptions("gateway-9") with { Will = new MqttWill(will) });
        await gateway.ConnectAsync();

        await gateway.DisconnectAsync(MqttReasonCode.DisconnectWithWillMessage);

        var received = await watcher.NextMessageAsync();
        received.Message.Should().BeEquivalentTo(will);
    }

    [Fact]
    public async Task Publish_20000Qos1AtOnce_RespectsBrokerWindowAndAllArriveInOrder()
    {
        const int Count = 20_000;
        await using var subscriber = new MqttClient(_broker.ClientOptions("window-subscriber"));
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("window");
        await using var publisher = new MqttClient(_broker.ClientOptions("window-publisher"));
        (await publisher.ConnectAsync()).ReceiveMaximum.Should().Be(1000);

        var publishes = Enumerable.Range(0, Count).Select(i => publisher.PublishAsync(Message("window", i))).ToArray();
        var received = new List<int>(Count);
        while (received.Count < Count)
        {
            var message = await subscriber.NextMessageAsync();
            message.Acknowledge();
            received.Add(Sequence(message));
        }

        (await Task.WhenAll(publishes)).Should().OnlyContain(r => r.ReasonCode == MqttReasonCode.Success);
        received.Should().Equal(Enumerable.Range(0, Count));
    }
}
