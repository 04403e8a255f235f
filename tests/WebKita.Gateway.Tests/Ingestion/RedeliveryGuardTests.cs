using System.Globalization;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using WebKita.Gateway.Tests.Support;
using WebKita.IotGateway.Ingestion;
using WebKita.Mqtt;
using WebKita.Mqtt.Connecting;
using WebKita.Mqtt.Receiving;
using WebKita.Testing;

namespace WebKita.Gateway.Tests.Ingestion;

/// <summary>
/// The guard on messages a real broker delivered, with a ring of 8 ids: a device may have at
/// most 8 messages handled that the broker has not confirmed reading the acknowledgement of.
/// </summary>
public sealed class RedeliveryGuardTests : IAsyncLifetime
{
    private const string Topic = "sue/v1/flood-1/telemetry";
    private readonly RedeliveryGuard _guard = new(ringCapacity: 8);
    private readonly List<int[]> _parts = [];
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync("log_type debug");

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task HandleAsync_RunBeyondTheRing_HandledInHalvesAndWaitsForTheBrokerToConfirm()
    {
        await using var client = await SubscribedAsync("flooded-gateway");
        await PublishAsync(1, 20);
        var run = await DeliveriesAsync(client, 20);

        // Synchronous: without a wait for the broker, every part would be handled before HandleAsync returns.
        var handling = _guard.HandleAsync("flood-1", run, part => Handle(part, holdBack: 8), default);
        var beforeEighthAcknowledged = _parts.Select(p => p.Length).ToList();
        run[7].Message.Acknowledge();
        await handling.WaitAsync(TestTimeouts.Default);

        beforeEighthAcknowledged.Should().Equal([4, 4], "the third part would leave 12 unconfirmed; the eighth's acknowledgement has not left");
        Parts().Should().Equal("1-4", "5-8", "9-12", "13-16", "17-20");
    }

    [Fact]
    public async Task HandleAsync_ConnectionOfTheLastHandledLost_SkipsWhatCameOnItAndHandlesTheNextConnectionsFirstAlone()
    {
        await using var client = await SubscribedAsync("interrupted-gateway");
        await PublishAsync(1, 12);
        var first = await DeliveriesAsync(client, 12);
        var handling = _guard.HandleAsync("flood-1", first, part => Handle(part, holdBack: 8), default);
        await AcknowledgementsReadAsync("interrupted-gateway", 7);
        var resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ConnectionStateChanged += (_, change) =>
        {
            if (change.State == MqttConnectionState.Connected)
            {
                resumed.TrySetResult();
            }
        };

        await _broker.StopAsync();
        await handling.WaitAsync(TestTimeouts.Default);
        await _broker.RestartAsync();
        await resumed.Task.WaitAsync(TestTimeouts.Default);
        var again = await DeliveriesAsync(client, 5);
        await _guard.HandleAsync("flood-1", again, part => Handle(part), default).WaitAsync(TestTimeouts.Default);

        again.Select(d => Sequence(d.Message)).Should().Equal([8, 9, 10, 11, 12], "the eighth was never acknowledged, the rest never handled");
        Parts().Should().Equal("1-4", "5-8", "8-8", "9-12");
    }

    /// <summary>Each part handled as its first and last message; the parts are consecutive runs of the messages.</summary>
    private IEnumerable<string> Parts() =>
        _parts.Select(p => p.SequenceEqual(Enumerable.Range(p[0], p.Length)) ? $"{p[0]}-{p[^1]}" : string.Join(",", p));

    /// <summary>Records the part and acknowledges each message, but <paramref name="holdBack"/>.</summary>
    private Task Handle(IReadOnlyList<Delivery> part, int holdBack = 0)
    {
        _parts.Add([.. part.Select(d => Sequence(d.Message))]);
        foreach (var delivery in part.Where(d => Sequence(d.Message) != holdBack))
        {
            delivery.Message.Acknowledge();
        }

        return Task.CompletedTask;
    }

    private async Task<MqttSessionClient> SubscribedAsync(string clientId)
    {
        var client = new MqttSessionClient(_broker.ClientOptions(clientId) with { CleanStart = false, SessionExpiryInterval = 600 });
        await client.ConnectAsync();
        await client.SubscribeAsync(Topic);
        return client;
    }

    private async Task PublishAsync(int from, int count)
    {
        await using var publisher = new MqttSessionClient(_broker.ClientOptions("flood-1"));
        await publisher.ConnectAsync();
        foreach (var sequence in Enumerable.Range(from, count))
        {
            await publisher.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(Topic)
                .WithPayload(Encoding.ASCII.GetBytes(sequence.ToString(CultureInfo.InvariantCulture)))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build());
        }
    }

    private static async Task<List<Delivery>> DeliveriesAsync(MqttSessionClient client, int count)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        var deliveries = new List<Delivery>(count);
        while (deliveries.Count < count)
        {
            var message = await client.Messages.ReadAsync(timeout.Token);
            deliveries.Add(new Delivery(message, DeviceTopic.Parse(message.Topic)));
        }

        return deliveries;
    }

    private async Task AcknowledgementsReadAsync(string clientId, int count) =>
        (await _broker.WaitForLinesAsync(line => line.Contains($"Received PUBACK from {clientId} ", StringComparison.Ordinal), count, TestTimeouts.Default))
            .Should().BeTrue();

    private static int Sequence(MqttReceivedMessage message) => int.Parse(Encoding.ASCII.GetString(message.Payload), CultureInfo.InvariantCulture);
}
