using WebKita.Mqtt.Connecting;
using WebKita.Mqtt.Packets;
using WebKita.Mqtt.Publishing;
using WebKita.Mqtt.Tests.Fakes;

namespace WebKita.Mqtt.Tests.Client;

/// <summary>Ordering and flow control, checked byte by byte against a scripted server.</summary>
public sealed class DeliverySemanticsTests
{
    private static PublishPacket Qos1(ushort id, string topic = "t") =>
        new() { Message = new MqttApplicationMessage { Topic = topic, Payload = [(byte)id], QualityOfService = MqttQualityOfService.AtLeastOnce }, PacketId = id };

    [Fact]
    public async Task Acknowledge_InReverseOrder_PubAcksLeaveInArrivalOrderAndOnlyAfterTheFirstIsAcknowledged()
    {
        await using var broker = new FakeBroker();
        await using var client = new MqttClient(broker.ClientOptions());
        var accepting = broker.AcceptAsync();
        await client.ConnectAsync();
        await using var server = await accepting;
        await server.SendAsync(Qos1(1));
        await server.SendAsync(Qos1(2));
        await server.SendAsync(Qos1(3));
        var received = await client.NextMessagesAsync(3);

        received[2].Acknowledge().Should().BeTrue();
        received[1].Acknowledge().Should().BeTrue();
        await server.SendAsync(Qos1(4));
        var fourth = await client.NextMessageAsync();
        fourth.Acknowledge();
        received[0].Acknowledge().Should().BeTrue();

        // Had any PUBACK left before message 1 was acknowledged, it would be read first here.
        for (ushort expected = 1; expected <= 4; expected++)
        {
            (await server.ReceiveAsync<PublishAckPacket>()).Should().BeEquivalentTo(new PublishAckPacket(MqttPacketType.PubAck, expected));
        }
    }

    [Fact]
    public async Task Receive_MoreThanReceiveMaximum_StaysConnectedAndDeliversAsTheApplicationAcknowledges()
    {
        await using var broker = new FakeBroker();
        await using var client = new MqttClient(broker.ClientOptions() with { ReceiveMaximum = 2 });
        var states = new List<MqttConnectionState>();
        client.ConnectionStateChanged += (_, change) => states.Add(change.State);
        var accepting = broker.AcceptAsync();
        await client.ConnectAsync();
        await using var server = await accepting;
        server.Connect.ReceiveMaximum.Should().Be(2);

        for (ushort id = 1; id <= 5; id++)
        {
            await server.SendAsync(Qos1(id));
        }

        for (ushort id = 1; id <= 5; id++)
        {
            var message = await client.NextMessageAsync();
            message.PacketId.Should().Be(id);
            message.Acknowledge();
            (await server.ReceiveAsync<PublishAckPacket>()).PacketId.Should().Be(id);
        }

        states.Should().Equal(MqttConnectionState.Connecting, MqttConnectionState.Connected);
    }

    [Fact]
    public async Task Receive_Qos2_PubRecAfterAcknowledgeAndDuplicateNotDeliveredTwice()
    {
        await using var broker = new FakeBroker();
        await using var client = new MqttClient(broker.ClientOptions());
        var accepting = broker.AcceptAsync();
        await client.ConnectAsync();
        await using var server = await accepting;
        var qos2 = new PublishPacket { Message = new MqttApplicationMessage { Topic = "q2", Payload = [2], QualityOfService = MqttQualityOfService.ExactlyOnce }, PacketId = 9 };

        await server.SendAsync(qos2);
        (await client.NextMessageAsync()).Acknowledge();
        (await server.ReceiveAsync<PublishAckPacket>()).Kind.Should().Be(MqttPacketType.PubRec);
        await server.SendAsync(qos2 with { Duplicate = true });
        (await server.ReceiveAsync<PublishAckPacket>()).Kind.Should().Be(MqttPacketType.PubRec);
        await server.SendAsync(new PublishAckPacket(MqttPacketType.PubRel, 9));
        (await server.ReceiveAsync<PublishAckPacket>()).Should().BeEquivalentTo(new PublishAckPacket(MqttPacketType.PubComp, 9));
        await server.SendAsync(Qos1(10));

        // The duplicate QoS 2 message was not delivered again: the next message is the QoS 1 one.
        (await client.NextMessageAsync()).PacketId.Should().Be(10);
    }

    [Fact]
    public async Task Publish_MoreThanServerReceiveMaximum_KeepsAtMostThatManyInFlight()
    {
        await using var broker = new FakeBroker();
        await using var client = new MqttClient(broker.ClientOptions());
        var accepting = broker.AcceptAsync(new ConnAckPacket { ReceiveMaximum = 2 });
        await client.ConnectAsync();
        await using var server = await accepting;

        var publishes = Enumerable.Range(1, 5).Select(i => client.PublishAsync(new MqttApplicationMessage { Topic = "out", Payload = [(byte)i], QualityOfService = MqttQualityOfService.AtLeastOnce })).ToArray();
        var first = await server.ReceiveAsync<PublishPacket>();
        var second = await server.ReceiveAsync<PublishPacket>();

        // A PUBACK the client sends now must be the next packet; a third PUBLISH queued earlier would come first.
        await server.SendAsync(Qos1(100, "in"));
        (await client.NextMessageAsync()).Acknowledge();
        (await server.ReceiveAsync<PublishAckPacket>()).PacketId.Should().Be(100);

        await server.SendAsync(new PublishAckPacket(MqttPacketType.PubAck, first.PacketId));
        var third = await server.ReceiveAsync<PublishPacket>();
        await server.SendAsync(new PublishAckPacket(MqttPacketType.PubAck, second.PacketId, MqttReasonCode.NoMatchingSubscribers));
        await server.SendAsync(new PublishAckPacket(MqttPacketType.PubAck, third.PacketId));
        var rest = new[] { await server.ReceiveAsync<PublishPacket>(), await server.ReceiveAsync<PublishPacket>() };
        foreach (var packet in rest)
        {
            await server.SendAsync(new PublishAckPacket(MqttPacketType.PubAck, packet.PacketId));
        }

        var results = await Task.WhenAll(publishes).WaitAsync(TestTimeouts.Default);
        new[] { first, second, third, rest[0], rest[1] }.Select(p => p.Message.Payload[0]).Should().Equal(1, 2, 3, 4, 5);
        results.Select(r => r.ReasonCode).Should().Equal(
            MqttReasonCode.Success, MqttReasonCode.NoMatchingSubscribers, MqttReasonCode.Success, MqttReasonCode.Success, MqttReasonCode.Success);
    }

    [Fact]
    public async Task Publish_ConnectionLostBeforePubAck_ResentWithDupOnResumedSession()
    {
        await using var broker = new FakeBroker();
        await using var client = new MqttClient(broker.ClientOptions(reconnect: true) with { CleanStart = false, SessionExpiryInterval = 60 });
        var accepting = broker.AcceptAsync();
        await client.ConnectAsync();
        var server = await accepting;
        var publish = client.PublishAsync(new MqttApplicationMessage { Topic = "out", Payload = [42], QualityOfService = MqttQualityOfService.AtLeastOnce });
        var original = await server.ReceiveAsync<PublishPacket>();
        original.Duplicate.Should().BeFalse();

        var reconnecting = broker.AcceptAsync(new ConnAckPacket { SessionPresent = true });
        server.Close();
        await using var resumed = await reconnecting;
        var resent = await resumed.ReceiveAsync<PublishPacket>();
        await resumed.SendAsync(new PublishAckPacket(MqttPacketType.PubAck, resent.PacketId));

        resumed.Connect.CleanStart.Should().BeFalse();
        resent.Should().BeEquivalentTo(original with { Duplicate = true });
        (await publish.WaitAsync(TestTimeouts.Default)).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task Acknowledge_AfterConnectionLost_SendsNothingOnTheNewConnection()
    {
        await using var broker = new FakeBroker();
        await using var client = new MqttClient(broker.ClientOptions(reconnect: true) with { CleanStart = false, SessionExpiryInterval = 60 });
        var accepting = broker.AcceptAsync();
        await client.ConnectAsync();
        var server = await accepting;
        await server.SendAsync(Qos1(5));
        var stale = await client.NextMessageAsync();

        var connected = client.WaitForStateAsync(change => change.State == MqttConnectionState.Connected);
        var reconnecting = broker.AcceptAsync(new ConnAckPacket { SessionPresent = true });
        server.Close();
        await using var resumed = await reconnecting;
        await connected;
        stale.Acknowledge().Should().BeTrue();
        await resumed.SendAsync(Qos1(5) with { Duplicate = true });
        var redelivered = await client.NextMessageAsync();
        redelivered.Duplicate.Should().BeTrue();
        redelivered.Acknowledge();

        (await resumed.ReceiveAsync<PublishAckPacket>()).PacketId.Should().Be(5);
        await client.DisconnectAsync();
        (await resumed.ReceiveUntilClosedAsync()).Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>();
    }
}
