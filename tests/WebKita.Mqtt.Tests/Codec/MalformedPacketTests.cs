using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt.Tests.Codec;

public sealed class MalformedPacketTests
{
    public static TheoryData<string, byte[], MqttReasonCode> Cases() => new()
    {
        { "remaining length of 5 bytes", [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], MqttReasonCode.MalformedPacket },
        { "remaining length beyond maximum packet size", [0x30, 0xFF, 0xFF, 0xFF, 0x7F], MqttReasonCode.PacketTooLarge },
        { "PUBLISH with QoS 3", [0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01, 0x00], MqttReasonCode.MalformedPacket },
        { "PUBLISH QoS 0 with DUP", [0x38, 0x04, 0x00, 0x01, 0x61, 0x00], MqttReasonCode.MalformedPacket },
        { "PUBREL with flags 0", [0x60, 0x02, 0x00, 0x01], MqttReasonCode.MalformedPacket },
        { "SUBSCRIBE with flags 0", [0x80, 0x06, 0x00, 0x01, 0x00, 0x00, 0x01, 0x61], MqttReasonCode.MalformedPacket },
        { "PUBACK with flags 1", [0x41, 0x02, 0x00, 0x01], MqttReasonCode.MalformedPacket },
        { "PINGRESP with a body", [0xD0, 0x01, 0x00], MqttReasonCode.MalformedPacket },
        { "reserved packet type 0", [0x00, 0x00], MqttReasonCode.MalformedPacket },
        { "AUTH", [0xF0, 0x00], MqttReasonCode.ProtocolError },
        { "content type twice", [0x30, 0x0D, 0x00, 0x01, 0x61, 0x08, 0x03, 0x00, 0x01, 0x78, 0x03, 0x00, 0x01, 0x79, 0x00], MqttReasonCode.ProtocolError },
        { "unknown property 0x7F", [0x30, 0x06, 0x00, 0x01, 0x61, 0x02, 0x7F, 0x00], MqttReasonCode.MalformedPacket },
        { "property identifier of 5 bytes", [0x30, 0x0A, 0x00, 0x01, 0x61, 0x05, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00], MqttReasonCode.MalformedPacket },
        { "session expiry in PUBLISH", [0x30, 0x09, 0x00, 0x01, 0x61, 0x05, 0x11, 0x00, 0x00, 0x00, 0x01], MqttReasonCode.ProtocolError },
        { "invalid UTF-8 in topic", [0x30, 0x05, 0x00, 0x02, 0xC3, 0x28, 0x00], MqttReasonCode.MalformedPacket },
        { "U+0000 in topic", [0x30, 0x05, 0x00, 0x02, 0x61, 0x00, 0x00], MqttReasonCode.MalformedPacket },
        { "wildcard in topic name", [0x30, 0x05, 0x00, 0x02, 0x61, 0x23, 0x00], MqttReasonCode.TopicNameInvalid },
        { "topic length beyond packet", [0x30, 0x05, 0x00, 0x40, 0x61, 0x62, 0x00], MqttReasonCode.MalformedPacket },
        { "property length beyond packet", [0x30, 0x05, 0x00, 0x01, 0x61, 0x7F, 0x00], MqttReasonCode.MalformedPacket },
        { "PUBLISH QoS 1 without packet id", [0x32, 0x03, 0x00, 0x01, 0x61], MqttReasonCode.MalformedPacket },
        { "packet identifier 0", [0x40, 0x02, 0x00, 0x00], MqttReasonCode.MalformedPacket },
        { "PUBACK with trailing bytes", [0x40, 0x05, 0x00, 0x01, 0x00, 0x00, 0x99], MqttReasonCode.MalformedPacket },
        { "CONNACK with reserved flag", [0x20, 0x03, 0x02, 0x00, 0x00], MqttReasonCode.MalformedPacket },
        { "CONNACK receive maximum 0", [0x20, 0x06, 0x00, 0x00, 0x03, 0x21, 0x00, 0x00], MqttReasonCode.ProtocolError },
        { "CONNACK maximum QoS 2", [0x20, 0x05, 0x00, 0x00, 0x02, 0x24, 0x02], MqttReasonCode.ProtocolError },
        { "SUBACK without reason codes", [0x90, 0x03, 0x00, 0x01, 0x00], MqttReasonCode.ProtocolError },
        { "truncated fixed header", [0x30], MqttReasonCode.MalformedPacket },
        { "truncated body", [0x30, 0x10, 0x00, 0x01], MqttReasonCode.MalformedPacket },
        { "SUBSCRIBE with reserved option bits", [0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 0x61, 0xC1], MqttReasonCode.MalformedPacket },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decode_MalformedInput_ThrowsWithReasonCode(string description, byte[] bytes, MqttReasonCode expected)
    {
        var decode = () => PacketFramer.DecodeSingle(bytes, 64 * 1024);

        decode.Should().Throw<MqttProtocolException>(description)
            .Which.ReasonCode.Should().Be(expected, description);
    }

    [Fact]
    public void TryReadHeader_OversizedLength_ThrowsBeforeTheBodyArrives()
    {
        byte[] header = [0x30, 0x80, 0x80, 0x04];

        var read = () => PacketFramer.TryReadHeader(header, 65_536, out _, out _);

        read.Should().Throw<MqttProtocolException>().Which.Message.Should().Contain("65536");
    }
}
