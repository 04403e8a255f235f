using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace WebKita.Mqtt.Packets;

/// <summary>
/// Reads the fields of one packet body. Every read is bounds-checked against the body, so a
/// length field can never make the decoder read past the packet or allocate more than it holds.
/// </summary>
internal ref struct PacketReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly string _packetName;
    private int _position;

    public PacketReader(ReadOnlySpan<byte> buffer, string packetName)
    {
        _buffer = buffer;
        _packetName = packetName;
        _position = 0;
    }

    public readonly int Remaining => _buffer.Length - _position;

    public readonly bool End => _position >= _buffer.Length;

    public byte ReadByte(string field)
    {
        Require(1, field);
        return _buffer[_position++];
    }

    public ushort ReadUInt16(string field)
    {
        Require(2, field);
        var value = BinaryPrimitives.ReadUInt16BigEndian(_buffer[_position..]);
        _position += 2;
        return value;
    }

    public uint ReadUInt32(string field)
    {
        Require(4, field);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_buffer[_position..]);
        _position += 4;
        return value;
    }

    public int ReadVariableByteInteger(string field)
    {
        if (!VariableByteInteger.TryRead(_buffer[_position..], out var value, out var consumed))
        {
            throw Truncated(field, 1);
        }

        _position += consumed;
        return value;
    }

    public string ReadString(string field)
    {
        var bytes = ReadLengthPrefixed(field);
        if (!Utf8.IsValid(bytes))
        {
            throw MqttProtocolException.Malformed($"{_packetName}: {field} is not valid UTF-8");
        }

        if (bytes.Contains((byte)0))
        {
            throw MqttProtocolException.Malformed($"{_packetName}: {field} contains U+0000");
        }

        return Encoding.UTF8.GetString(bytes);
    }

    public byte[] ReadBinary(string field) => ReadLengthPrefixed(field).ToArray();

    public ReadOnlySpan<byte> ReadRest()
    {
        var rest = _buffer[_position..];
        _position = _buffer.Length;
        return rest;
    }

    /// <summary>Reads the property length and returns a reader limited to the property block.</summary>
    public PacketReader ReadPropertyBlock()
    {
        var length = ReadVariableByteInteger("property length");
        Require(length, "properties");
        var block = new PacketReader(_buffer.Slice(_position, length), _packetName);
        _position += length;
        return block;
    }

    /// <summary>
    /// Reads a property identifier; unknown identifiers are malformed and repeating one that may
    /// appear once is a protocol error (§2.2.2.2). <paramref name="seen"/> is a bit per identifier.
    /// </summary>
    public PropertyId ReadPropertyId(ref ulong seen)
    {
        var raw = ReadVariableByteInteger("property identifier");
        if (raw > 63 || !Enum.IsDefined((PropertyId)raw))
        {
            throw MqttProtocolException.Malformed($"{_packetName}: unknown property identifier 0x{raw:X2}");
        }

        var id = (PropertyId)raw;
        if (id is not (PropertyId.UserProperty or PropertyId.SubscriptionIdentifier))
        {
            var bit = 1UL << raw;
            if ((seen & bit) != 0)
            {
                throw MqttProtocolException.ProtocolError($"{_packetName}: property {id} appears more than once");
            }

            seen |= bit;
        }

        return id;
    }

    public readonly MqttProtocolException PropertyNotAllowed(PropertyId id) =>
        MqttProtocolException.ProtocolError($"{_packetName}: property {id} is not allowed in this packet");

    public readonly void ExpectEnd()
    {
        if (!End)
        {
            throw MqttProtocolException.Malformed($"{_packetName}: {Remaining} unexpected trailing bytes");
        }
    }

    private ReadOnlySpan<byte> ReadLengthPrefixed(string field)
    {
        var length = ReadUInt16(field + " length");
        Require(length, field);
        var bytes = _buffer.Slice(_position, length);
        _position += length;
        return bytes;
    }

    private readonly void Require(int count, string field)
    {
        if (Remaining < count)
        {
            throw Truncated(field, count);
        }
    }

    private readonly MqttProtocolException Truncated(string field, int needed) =>
        MqttProtocolException.Malformed(
            $"{_packetName} truncated: {field} needs {needed} bytes at offset {_position}, {Remaining} remain");
}
