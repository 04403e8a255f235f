using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt.Tests.Codec;

public sealed class PacketRoundTripTests
{
    public static TheoryData<int, string> Samples()
    {
        var data = new TheoryData<int, string>();
        for (var i = 0; i < PacketSamples.All.Count; i++)
        {
            data.Add(i, PacketSamples.All[i].Type.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void EncodeThenDecode_EveryPacketType_YieldsEquivalentPacket(int index, string type)
    {
        var packet = PacketSamples.All[index];
        var bytes = PacketSamples.Encode(packet);

        var decoded = PacketFramer.DecodeSingle(bytes, 1024 * 1024);

        decoded.Type.ToString().Should().Be(type);
        decoded.Should().BeEquivalentTo(packet, options => options.RespectingRuntimeTypes());
        PacketSamples.Encode(decoded).Should().Equal(bytes);
    }

    [Fact]
    public void Samples_CoverEveryPacketTypeButAuth()
    {
        PacketSamples.All.Select(p => p.Type).Distinct().Should().HaveCount(14);
    }

    [Theory]
    [InlineData(0, new byte[] { 0x00 })]
    [InlineData(127, new byte[] { 0x7F })]
    [InlineData(128, new byte[] { 0x80, 0x01 })]
    [InlineData(16_383, new byte[] { 0xFF, 0x7F })]
    [InlineData(16_384, new byte[] { 0x80, 0x80, 0x01 })]
    [InlineData(2_097_151, new byte[] { 0xFF, 0xFF, 0x7F })]
    [InlineData(2_097_152, new byte[] { 0x80, 0x80, 0x80, 0x01 })]
    [InlineData(268_435_455, new byte[] { 0xFF, 0xFF, 0xFF, 0x7F })]
    public void VariableByteInteger_Boundaries_MatchSpecificationExamples(int value, byte[] encoded)
    {
        var buffer = new byte[4];
        var written = VariableByteInteger.Write(buffer, value);

        buffer[..written].Should().Equal(encoded);
        VariableByteInteger.TryRead(encoded, out var read, out var consumed).Should().BeTrue();
        read.Should().Be(value);
        consumed.Should().Be(encoded.Length);
    }

    [Fact]
    public void Encode_PublishOfLargePayload_UsesFourByteRemainingLength()
    {
        var packet = new PublishPacket { Message = new Publishing.MqttApplicationMessage { Topic = "t", Payload = new byte[2_100_000] } };

        var bytes = PacketSamples.Encode(packet);

        bytes.Length.Should().Be(1 + 4 + 2 + 1 + 1 + 2_100_000);
        PacketFramer.DecodeSingle(bytes, 4 * 1024 * 1024).Should().BeEquivalentTo(packet);
    }
}
