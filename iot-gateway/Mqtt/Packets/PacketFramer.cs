namespace WebKita.Mqtt.Packets;

/// <summary>Finds packet boundaries: a fixed header byte and a remaining length (§2.1).</summary>
internal static class PacketFramer
{
    /// <summary>
    /// Returns false when more bytes are needed to know the packet's length. Throws as soon as the
    /// announced length exceeds <paramref name="maximumPacketSize"/>, before any buffer is sized for it.
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> buffer, int maximumPacketSize, out int headerLength, out int remainingLength)
    {
        headerLength = 0;
        remainingLength = 0;
        if (buffer.Length < 2)
        {
            return false;
        }

        if (!VariableByteInteger.TryRead(buffer[1..], out remainingLength, out var lengthBytes))
        {
            return false;
        }

        headerLength = 1 + lengthBytes;
        if ((long)headerLength + remainingLength > maximumPacketSize)
        {
            throw new MqttProtocolException(
                MqttReasonCode.PacketTooLarge,
                $"{(MqttPacketType)(buffer[0] >> 4)} of {headerLength + remainingLength} bytes exceeds the maximum packet size of {maximumPacketSize}");
        }

        return true;
    }

    /// <summary>Decodes one complete packet that starts at the beginning of <paramref name="frame"/>.</summary>
    public static MqttPacket DecodeSingle(ReadOnlySpan<byte> frame, int maximumPacketSize)
    {
        if (!TryReadHeader(frame, maximumPacketSize, out var headerLength, out var remainingLength))
        {
            throw MqttProtocolException.Malformed($"truncated fixed header: {frame.Length} bytes");
        }

        if (frame.Length < headerLength + remainingLength)
        {
            throw MqttProtocolException.Malformed(
                $"truncated packet: remaining length {remainingLength}, {frame.Length - headerLength} bytes present");
        }

        return PacketDecoder.Decode(frame[0], frame.Slice(headerLength, remainingLength));
    }
}
