using System.Diagnostics;
using System.Text;
using WebKita.Mqtt.Connecting;
using WebKita.Mqtt.Packets;
using WebKita.Mqtt.Publishing;
using WebKita.Mqtt.Tests.Client;
using WebKita.Testing;

namespace WebKita.Mqtt.Tests.Broker;

/// <summary>The broker goes away: stopped, killed, frozen. The client must notice and come back.</summary>
public sealed class MosquittoOutageTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    private static MqttApplicationMessage Message(string topic, string text) =>
        new() { Topic = topic, Payload = Encoding.UTF8.GetBytes(text), QualityOfService = MqttQualityOfService.AtLeastOnce };

    [Fact]
    public async Task BrokerRestarted_ClientReconnectsResumesSessionAndReceives()
    {
        await using var client = new MqttClient(_broker.ClientOptions("restart-gateway") with { CleanStart = false, SessionExpiryInterval = 600 });
        await client.ConnectAsync();
        await client.SubscribeAsync("alarms");
        var lost = client.WaitForStateAsync(change => change.State == MqttConnectionState.Reconnecting);
        var resumed = client.WaitForStateAsync(change => change.State == MqttConnectionState.Connected);

        await _broker.StopAsync();
        (await lost).Reason.Should().BeOfType<MqttConnectionException>();
        await _broker.RestartAsync();
        var connected = await resumed;
        await using var publisher = new MqttClient(_broker.ClientOptions("restart-publisher"));
        await publisher.ConnectAsync();
        await publisher.PublishAsync(Message("alarms", "after restart"));

        connected.ConnectResult!.SessionPresent.Should().BeTrue("SIGTERM makes mosquitto save the session");
        var message = await client.NextMessageAsync();
        Encoding.UTF8.GetString(message.Message.Payload).Should().Be("after restart");
    }

    [Fact]
    public async Task BrokerKilled_ClientReconnectsAndResubscribesTheLostSession()
    {
        await using var client = new MqttClient(_broker.ClientOptions("killed-gateway") with { CleanStart = false, SessionExpiryInterval = 600 });
        await client.ConnectAsync();
        await client.SubscribeAsync("alarms/#");
        var resumed = client.WaitForStateAsync(change => change.State == MqttConnectionState.Connected);

        await _broker.KillAsync();
        await _broker.RestartAsync();
        var connected = await resumed;
        await using var publisher = new MqttClient(_broker.ClientOptions("killed-publisher"));
        await publisher.ConnectAsync();
        await publisher.PublishAsync(Message("alarms/fire", "after kill"));

        connected.ConnectResult!.SessionPresent.Should().BeFalse("SIGKILL loses the unsaved session");
        var message = await client.NextMessageAsync();
        Encoding.UTF8.GetString(message.Message.Payload).Should().Be("after kill");
    }

    [Fact]
    public async Task PublishWhileBrokerDown_SentAfterReconnect()
    {
        await using var subscriber = new MqttClient(_broker.ClientOptions("down-subscriber") with { CleanStart = false, SessionExpiryInterval = 600 });
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("outbox");
        await using var publisher = new MqttClient(_broker.ClientOptions("down-publisher"));
        await publisher.ConnectAsync();
        var lost = publisher.WaitForStateAsync(change => change.State == MqttConnectionState.Reconnecting);
        await _broker.StopAsync();
        await lost;

        var pending = publisher.PublishAsync(Message("outbox", "queued while down"));
        await _broker.RestartAsync();

        (await pending.WaitAsync(TestTimeouts.Default)).ReasonCode.Should().Be(MqttReasonCode.Success);
        Encoding.UTF8.GetString((await subscriber.NextMessageAsync()).Message.Payload).Should().Be("queued while down");
    }

    [Fact]
    public async Task KeepAlive_BrokerStopsAnswering_NoticedWithinOneAndAHalfKeepAlives()
    {
        var keepAlive = TimeSpan.FromSeconds(4);
        await using var client = new MqttClient(_broker.ClientOptions("frozen-broker") with
        {
            KeepAlive = keepAlive,
            Reconnect = new MqttReconnectOptions { Enabled = false },
        });
        await client.ConnectAsync();
        var dead = client.WaitForStateAsync(change => change.State == MqttConnectionState.Disconnected);

        var stopwatch = Stopwatch.StartNew();
        await _broker.PauseAsync();
        var change = await dead;
        var noticedAfter = stopwatch.Elapsed;
        await _broker.ResumeAsync();

        change.Reason.Should().BeOfType<MqttConnectionException>().Which.ReasonCode.Should().Be(MqttReasonCode.KeepAliveTimeout);
        noticedAfter.Should().BeLessThan(keepAlive * 1.5);
    }
}
