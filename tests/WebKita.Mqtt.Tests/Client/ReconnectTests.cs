using WebKita.Mqtt.Connecting;
using WebKita.Mqtt.Packets;
using WebKita.Mqtt.Subscribing;
using WebKita.Mqtt.Tests.Fakes;

namespace WebKita.Mqtt.Tests.Client;

public sealed class ReconnectTests
{
    [Fact]
    public async Task Reconnect_StateHandlerThrows_StillReconnects()
    {
        await using var broker = new FakeBroker();
        await using var client = new MqttClient(broker.ClientOptions(reconnect: true));
        client.ConnectionStateChanged += (_, _) => throw new InvalidOperationException("handler bug");
        var accepting = broker.AcceptAsync();
        await client.ConnectAsync();
        var first = await accepting;

        var reconnecting = broker.AcceptAsync();
        first.Close();

        await using var second = await reconnecting;
        second.Connect.ClientId.Should().Be("fake-client");
    }

    [Fact]
    public async Task Reconnect_SessionNotPresent_RenewsGrantedSubscriptionsBeforeReportingConnected()
    {
        await using var broker = new FakeBroker();
        await using var client = new MqttClient(broker.ClientOptions(reconnect: true) with { CleanStart = false, SessionExpiryInterval = 60 });
        var accepting = broker.AcceptAsync();
        await client.ConnectAsync();
        var first = await accepting;
        var subscribing = client.SubscribeAsync([new MqttTopicSubscription("$share/g/a/#"), new MqttTopicSubscription("b", MqttQualityOfService.AtMostOnce)]);
        var subscribe = await first.ReceiveAsync<SubscribePacket>();
        await first.SendAsync(new SubAckPacket(MqttPacketType.SubAck, subscribe.PacketId, [MqttReasonCode.GrantedQoS1, MqttReasonCode.NotAuthorized]));
        (await subscribing).Items.Select(i => i.IsSuccess).Should().Equal(true, false);

        var connected = client.WaitForStateAsync(change => change.State == MqttConnectionState.Connected);
        var reconnecting = broker.AcceptAsync(new ConnAckPacket { SessionPresent = false });
        first.Close();
        await using var second = await reconnecting;
        var renewed = await second.ReceiveAsync<SubscribePacket>();
        connected.IsCompleted.Should().BeFalse("Connected is reported only after the subscriptions are renewed");
        await second.SendAsync(new SubAckPacket(MqttPacketType.SubAck, renewed.PacketId, [MqttReasonCode.GrantedQoS1]));

        renewed.Subscriptions.Should().Equal(new MqttTopicSubscription("$share/g/a/#"));
        (await connected).ConnectResult!.SessionPresent.Should().BeFalse();
    }
}
