using System.Diagnostics;
using MQTTnet;
using WebKita.Mqtt.Connecting;
using WebKita.Mqtt.Tests.Client;
using WebKita.Testing;

namespace WebKita.Mqtt.Tests.Broker;

/// <summary>The broker goes away: stopped, killed, frozen. The client must notice and come back.</summary>
public sealed class MosquittoOutageTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync("log_type debug");

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    private MqttConnectionOptions Persistent(string clientId) => _broker.ClientOptions(clientId) with { CleanStart = false, SessionExpiryInterval = 600 };

    [Fact]
    public async Task BrokerRestarted_ClientReconnectsResumesSessionAndReceives()
    {
        await using var client = new MqttSessionClient(Persistent("restart-gateway"));
        await client.ConnectAsync();
        await client.SubscribeAsync("alarms");
        var lost = client.WaitForStateAsync(change => change.State == MqttConnectionState.Reconnecting);
        var resumed = client.WaitForStateAsync(change => change.State == MqttConnectionState.Connected);

        await _broker.StopAsync();
        (await lost).Reason.Should().NotBeNull();
        await _broker.RestartAsync();
        var connected = await resumed;
        await using var publisher = new MqttSessionClient(_broker.ClientOptions("restart-publisher"));
        await publisher.ConnectAsync();
        await publisher.PublishAsync(Messages.Text("alarms", "after restart"));

        connected.ConnectResult!.IsSessionPresent.Should().BeTrue("SIGTERM makes mosquitto save the session");
        (await client.NextMessageAsync()).Text().Should().Be("after restart");
    }

    [Fact]
    public async Task BrokerKilled_ClientReconnectsAndResubscribesTheLostSession()
    {
        await using var client = new MqttSessionClient(Persistent("killed-gateway"));
        await client.ConnectAsync();
        await client.SubscribeAsync("alarms/#");
        var resumed = client.WaitForStateAsync(change => change.State == MqttConnectionState.Connected);

        await _broker.KillAsync();
        await _broker.RestartAsync();
        var connected = await resumed;
        await using var publisher = new MqttSessionClient(_broker.ClientOptions("killed-publisher"));
        await publisher.ConnectAsync();
        await publisher.PublishAsync(Messages.Text("alarms/fire", "after kill"));

        connected.ConnectResult!.IsSessionPresent.Should().BeFalse("SIGKILL loses the unsaved session");
        (await client.NextMessageAsync()).Text().Should().Be("after kill");
    }

    [Fact]
    public async Task ConnectionLostWithMessagesInHand_StaleAcknowledgementsIgnored_RedeliveredOnesAcknowledgedInOrder()
    {
        await using var client = new MqttSessionClient(Persistent("stale-gateway"));
        await client.ConnectAsync();
        await client.SubscribeAsync("jobs");
        await Messages.PublishAsync(_broker, "jobs", Enumerable.Range(1, 8));
        var inHand = await client.NextMessagesAsync(8);
        inHand.Take(3).ToList().ForEach(m => m.Acknowledge());
        await Messages.AuditAsync(_broker, "stale-gateway", 3);
        var resumed = client.WaitForStateAsync(change => change.State == MqttConnectionState.Connected);

        await _broker.StopAsync();
        await _broker.RestartAsync();
        (await resumed).ConnectResult!.IsSessionPresent.Should().BeTrue();
        // Packet identifiers start over on the new connection: these must not be acknowledged there.
        var stale = inHand.Skip(3).Select(m => m.Acknowledge()).ToList();
        var redelivered = await client.NextMessagesAsync(5);
        redelivered.AsEnumerable().Reverse().ToList().ForEach(m => m.Acknowledge());
        var audit = await Messages.AuditAsync(_broker, "stale-gateway", 8);

        stale.Should().OnlyContain(acknowledged => !acknowledged);
        redelivered.Select(m => m.Sequence()).Should().Equal(4, 5, 6, 7, 8);
        redelivered.Should().OnlyContain(m => m.Duplicate);
        audit.Violations.Should().Be(0, string.Join("; ", audit.FirstViolations));
        audit.Acknowledgements.Should().Be(8, "3 on the first connection, 5 on the second, none stale");
    }

    [Fact]
    public async Task ConfirmAsync_TrueOnceTheBrokerReadTheAcknowledgement_FalseWhenTheConnectionWentFirst()
    {
        await using var client = new MqttSessionClient(Persistent("confirming-gateway"));
        await client.ConnectAsync();
        await client.SubscribeAsync("jobs");
        await Messages.PublishAsync(_broker, "jobs", Enumerable.Range(1, 6));
        var inHand = await client.NextMessagesAsync(6);

        var third = inHand[2].ConfirmAsync();
        inHand[1].Acknowledge();
        inHand[2].Acknowledge();
        // Held behind the first, the third's acknowledgement has not left: nothing is confirmed yet.
        var waitedForTheFirst = !third.IsCompleted;
        inHand[0].Acknowledge();
        var thirdConfirmed = await third.WaitAsync(TestTimeouts.Default);
        var sixth = inHand[5].ConfirmAsync();
        var resumed = client.WaitForStateAsync(change => change.State == MqttConnectionState.Connected);
        await _broker.StopAsync();
        var sixthConfirmed = await sixth.WaitAsync(TestTimeouts.Default);
        await _broker.RestartAsync();
        await resumed;
        var redelivered = await client.NextMessagesAsync(3);

        waitedForTheFirst.Should().BeTrue();
        thirdConfirmed.Should().BeTrue();
        sixthConfirmed.Should().BeFalse("its connection was lost before it was acknowledged");
        redelivered.Select(m => m.Sequence()).Should().Equal([4, 5, 6], "the broker had read the first three acknowledgements");
    }

    [Fact]
    public async Task PublishWhileBrokerDown_SentAfterReconnect()
    {
        await using var subscriber = new MqttSessionClient(Persistent("down-subscriber"));
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("outbox");
        await using var publisher = new MqttSessionClient(_broker.ClientOptions("down-publisher"));
        await publisher.ConnectAsync();
        var lost = publisher.WaitForStateAsync(change => change.State == MqttConnectionState.Reconnecting);
        await _broker.StopAsync();
        await lost;

        var pending = publisher.PublishAsync(Messages.Text("outbox", "queued while down"));
        await _broker.RestartAsync();

        (await pending.WaitAsync(TestTimeouts.Default)).ReasonCode.Should().Be(MqttClientPublishReasonCode.Success);
        (await subscriber.NextMessageAsync()).Text().Should().Be("queued while down");
    }

    [Fact]
    public async Task KeepAlive_BrokerFrozen_NoticedAsKeepAliveTimeoutAndReconnectedAfterThaw()
    {
        var keepAlive = TimeSpan.FromSeconds(2);
        await using var client = new MqttSessionClient(Persistent("frozen-broker") with { KeepAlive = keepAlive });
        await client.ConnectAsync();
        await client.SubscribeAsync("after-thaw");
        var lost = client.WaitForStateAsync(change => change.State == MqttConnectionState.Reconnecting);

        var stopwatch = Stopwatch.StartNew();
        await _broker.PauseAsync();
        var change = await lost;
        var noticedAfter = stopwatch.Elapsed;
        var resumed = client.WaitForStateAsync(change => change.State == MqttConnectionState.Connected);
        await _broker.ResumeAsync();
        await resumed;
        await using var publisher = new MqttSessionClient(_broker.ClientOptions("thaw-publisher"));
        await publisher.ConnectAsync();
        await publisher.PublishAsync(Messages.Text("after-thaw", "back"));

        change.Reason.Should().BeOfType<MqttKeepAliveTimeoutException>();
        // Nominally within 1.125 keep-alives; the bound is loose because the machine is shared.
        noticedAfter.Should().BeLessThan(keepAlive * 4);
        (await client.NextMessageAsync()).Text().Should().Be("back");
    }
}
