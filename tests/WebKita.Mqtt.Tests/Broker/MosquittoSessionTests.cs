using MQTTnet;
using MQTTnet.Protocol;
using WebKita.Mqtt.Connecting;
using WebKita.Mqtt.Tests.Client;
using WebKita.Testing;

namespace WebKita.Mqtt.Tests.Broker;

/// <summary>Sessions and delivery against a real mosquitto running the project's config.</summary>
public sealed class MosquittoSessionTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync("log_type debug");

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    private MqttConnectionOptions Persistent(string clientId) => _broker.ClientOptions(clientId) with { CleanStart = false, SessionExpiryInterval = 600 };

    [Fact]
    public async Task PersistentSession_MessagesPublishedWhileOffline_DeliveredInOrderOnReconnect()
    {
        await using (var first = new MqttSessionClient(Persistent("offline-gateway")))
        {
            await first.ConnectAsync();
            (await first.SubscribeAsync("plant/+/meter")).IsGranted().Should().BeTrue();
        }

        await Messages.PublishAsync(_broker, "plant/7/meter", Enumerable.Range(1, 50));

        await using var second = new MqttSessionClient(Persistent("offline-gateway"));
        (await second.ConnectAsync()).IsSessionPresent.Should().BeTrue();
        var received = await second.NextMessagesAsync(50);
        received.ForEach(m => m.Acknowledge());

        received.Select(m => m.Sequence()).Should().Equal(Enumerable.Range(1, 50));
        received.Should().OnlyContain(m => m.Topic == "plant/7/meter" && m.QualityOfService == MqttQualityOfServiceLevel.AtLeastOnce);
    }

    [Fact]
    public async Task Backlog_LargerThanOneSocketRead_EveryPayloadArrivesWholeAndInOrder()
    {
        // The client reads the socket 64 KiB at a time: a backlog of ~550 KiB puts packet headers,
        // length bytes and bodies across the reads' boundaries at many different offsets.
        var payloads = Enumerable.Range(0, 120)
            .Select(i => Enumerable.Range(0, i % 3 == 0 ? 15_000 - (i * 37) : 1 + (i * 11)).Select(b => (byte)(b * 31 + i)).ToArray())
            .ToList();
        await using (var first = new MqttSessionClient(Persistent("backlog-gateway")))
        {
            await first.ConnectAsync();
            (await first.SubscribeAsync("plant/+/photo")).IsGranted().Should().BeTrue();
        }

        await using (var publisher = new MqttSessionClient(_broker.ClientOptions("backlog-publisher")))
        {
            await publisher.ConnectAsync();
            foreach (var payload in payloads)
            {
                (await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("plant/3/photo").WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build())).IsSuccess.Should().BeTrue();
            }
        }

        await using var second = new MqttSessionClient(Persistent("backlog-gateway"));
        (await second.ConnectAsync()).IsSessionPresent.Should().BeTrue();
        var received = await second.NextMessagesAsync(payloads.Count);
        received.ForEach(m => m.Acknowledge());

        received.Select(m => Convert.ToBase64String(m.Payload)).Should().Equal(payloads.Select(Convert.ToBase64String));
    }

    [Fact]
    public async Task UnacknowledgedMessages_NextSession_RedeliveredWithDupAndAcknowledgedOnesNot()
    {
        // What the first session went through, to tell a lost acknowledgement from a lost connection.
        var firstStates = new System.Collections.Concurrent.ConcurrentQueue<string>();
        bool[] acknowledged;
        await using (var first = new MqttSessionClient(Persistent("slow-gateway")))
        {
            first.ConnectionStateChanged += (_, change) => firstStates.Enqueue($"{change.State}{(change.Reason is null ? "" : $" ({change.Reason.Message})")}");
            await first.ConnectAsync();
            await first.SubscribeAsync("jobs");
            await Messages.PublishAsync(_broker, "jobs", Enumerable.Range(1, 10));
            var unacknowledged = await first.NextMessagesAsync(10);
            acknowledged = [.. unacknowledged.Take(4).Select(m => m.Acknowledge())];
            unacknowledged.Select(m => m.Sequence()).Should().Equal(Enumerable.Range(1, 10));
        }

        await using var second = new MqttSessionClient(Persistent("slow-gateway"));
        (await second.ConnectAsync()).IsSessionPresent.Should().BeTrue();
        var redelivered = await second.NextMessagesAsync(6);
        redelivered.ForEach(m => m.Acknowledge());

        redelivered.Select(m => m.Sequence()).Should().Equal(
            Enumerable.Range(5, 6), $"the first session acknowledged 1-4 ({string.Join(", ", acknowledged)}) and went through {string.Join(" > ", firstStates)}");
        redelivered.Should().OnlyContain(m => m.Duplicate);
    }

    [Fact]
    public async Task SharedSubscription_TwoClients_SplitMessagesWithNoneLostOrSeenTwice()
    {
        await using var a = new MqttSessionClient(_broker.ClientOptions("shared-a"));
        await using var b = new MqttSessionClient(_broker.ClientOptions("shared-b"));
        await a.ConnectAsync();
        await b.ConnectAsync();
        (await a.SubscribeAsync("$share/gateways/readings/#")).IsGranted().Should().BeTrue();
        (await b.SubscribeAsync("$share/gateways/readings/#")).IsGranted().Should().BeTrue();
        const int Count = 400;
        var seenByA = new List<int>();
        var seenByB = new List<int>();
        var allSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var distinct = new HashSet<int>();
        async Task Drain(MqttSessionClient client, List<int> seen)
        {
            await foreach (var message in client.Messages.ReadAllAsync())
            {
                message.Acknowledge();
                lock (distinct)
                {
                    seen.Add(message.Sequence());
                    distinct.Add(message.Sequence());
                    if (distinct.Count == Count)
                    {
                        allSeen.TrySetResult();
                    }
                }
            }
        }

        var drainA = Drain(a, seenByA);
        var drainB = Drain(b, seenByB);
        await Messages.PublishAsync(_broker, "readings/boiler", Enumerable.Range(0, Count));
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
    public async Task ReceiveMaximum_Ten_NeverMoreThanTenHeldAndAllArriveInOrder()
    {
        const int Count = 300;
        const int Window = 10;
        await using (var setup = new MqttSessionClient(Persistent("windowed")))
        {
            await setup.ConnectAsync();
            await setup.SubscribeAsync("window");
        }

        // Queued while the client is away: mosquitto drains a kept session in a rush.
        await Messages.PublishAsync(_broker, "window", Enumerable.Range(0, Count));
        await using var client = new MqttSessionClient(Persistent("windowed") with { ReceiveMaximum = Window });
        await client.ConnectAsync();
        var received = new List<int>(Count);
        while (received.Count < Count)
        {
            var batch = new List<Receiving.MqttReceivedMessage>();
            do
            {
                batch.Add(await client.NextMessageAsync());
                client.HeldMessages.Should().BeLessThanOrEqualTo(Window);
            }
            while (batch.Count < Window && received.Count + batch.Count < Count && client.Messages.TryPeek(out _));

            received.AddRange(batch.Select(m => m.Sequence()));
            batch.AsEnumerable().Reverse().ToList().ForEach(m => m.Acknowledge());
        }

        received.Should().Equal(Enumerable.Range(0, Count));
        (await Messages.AuditAsync(_broker, "windowed", Count)).Violations.Should().Be(0);
    }

    [Fact]
    public async Task Publish_20000Qos1AtOnce_AllArriveInOrder()
    {
        const int Count = 20_000;
        await using var subscriber = new MqttSessionClient(_broker.ClientOptions("window-subscriber"));
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("burst");
        await using var publisher = new MqttSessionClient(_broker.ClientOptions("window-publisher"));
        await publisher.ConnectAsync();

        var publishes = Enumerable.Range(0, Count).Select(i => publisher.PublishAsync(Messages.Numbered("burst", i))).ToArray();
        var received = new List<int>(Count);
        while (received.Count < Count)
        {
            var message = await subscriber.NextMessageAsync();
            message.Acknowledge();
            received.Add(message.Sequence());
        }

        (await Task.WhenAll(publishes)).Should().OnlyContain(r => r.ReasonCode == MqttClientPublishReasonCode.Success);
        received.Should().Equal(Enumerable.Range(0, Count));
    }
}
