using WebKita.Mqtt.Connecting;
using WebKita.Mqtt.Packets;
using WebKita.Mqtt.Tests.Fakes;

namespace WebKita.Mqtt.Tests.Client;

/// <summary>A server that breaks the protocol after CONNACK: the client must send DISCONNECT with the right reason, close, and say why.</summary>
public sealed class ProtocolViolationTests
{
    public static TheoryData<string, byte[], MqttReasonCode> Violations() => new()
    {
        { "remaining length of 5 bytes", [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], MqttReasonCode.MalformedPacket },
        { "packet larger than our maximum", [0x30, 0xFF, 0xFF, 0x7F], MqttReasonCode.PacketTooLarge },
        { "PUBREL with wrong flags", [0x60, 0x02, 0x00, 0x01], MqttReasonCode.MalformedPacket },
        { "repeated property", [0x30, 0x0D, 0x00, 0x01, 0x61, 0x08, 0x03, 0x00, 0x01, 0x78, 0x03, 0x00, 0x01, 0x79, 0x00], MqttReasonCode.ProtocolError },
        { "unknown property", [0x30, 0x06, 0x00, 0x01, 0x61, 0x02, 0x7F, 0x00], MqttReasonCode.MalformedPacket },
        { "invalid UTF-8 topic", [0x30, 0x05, 0x00, 0x02, 0xC3, 0x28, 0x00], MqttReasonCode.MalformedPacket },
        { "topic alias we never allowed", [0x30, 0x07, 0x00, 0x01, 0x61, 0x03, 0x23, 0x00, 0x01], MqttReasonCode.TopicAliasInvalid },
        { "second CONNACK", [0x20, 0x03, 0x00, 0x00, 0x00], MqttReasonCode.ProtocolError },
        { "SUBSCRIBE from a server", [0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 0x61, 0x01], MqttReasonCode.ProtocolError },
        { "PUBREC though we never publish QoS 2", [0x50, 0x02, 0x00, 0x01], MqttReasonCode.ProtocolError },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Receive_Violation_SendsDisconnectWithReasonAndReportsIt(string description, byte[] bytes, MqttReasonCode expected)
    {
        await using var broker = new FakeBroker();
        await using var client = new MqttClient(broker.ClientOptions() with { MaximumPacketSize = 64 * 1024 });
        var disconnected = client.WaitForStateAsync(change => change.State == MqttConnectionState.Disconnected);
        var accepting = broker.AcceptAsync();
        (await client.ConnectAsync()).IsSuccess.Should().BeTrue();
        await using var server = await accepting;

        await server.SendRawAsync(bytes);

        var sent = await server.ReceiveUntilClosedAsync();
        sent.Should().ContainSingle(description).Which.Should().BeOfType<DisconnectPacket>()
            .Which.ReasonCode.Should().Be(expected, description);
        var change = await disconnected;
        change.Reason.Should().BeOfType<MqttProtocolException>().Which.ReasonCode.Should().Be(expected, description);
    }

    [Fact]
    public async Task Receive_ServerClosesMidPacket_ReportsTruncationWithoutHanging()
    {
        await using var broker = new FakeBroker();
        await using var client = new MqttClient(broker.ClientOptions());
        var disconnected = client.WaitForStateAsync(change => change.State == MqttConnectionState.Disconnected);
        var accepting = broker.AcceptAsync();
        await client.ConnectAsync();
        var server = await accepting;

        await server.SendRawAsync([0x30, 0x20, 0x00, 0x01]);
        server.Close();

        var change = await disconnected;
        change.Reason.Should().BeOfType<MqttConnectionException>().Which.Message.Should().Contain("middle of a packet");
    }

    [Fact]
    public async Task Receive_ServerDisconnect_ReportsServerReasonCode()
    {
        await using var broker = new FakeBroker();
        await using var client = new MqttClient(broker.ClientOptions());
        var disconnected = client.WaitForStateAsync(change => change.State == MqttConnectionState.Disconnected);
        var accepting = broker.AcceptAsync();
        await client.ConnectAsync();
        await using var server = await accepting;

        await server.SendAsync(new DisconnectPacket { ReasonCode = MqttReasonCode.SessionTakenOver, ReasonString = "another gateway" });

        var reason = (await disconnected).Reason.Should().BeOfType<MqttConnectionException>().Subject;
        reason.ReasonCode.Should().Be(MqttReasonCode.SessionTakenOver);
        reason.Message.Should().Contain("another gateway");
    }
}
