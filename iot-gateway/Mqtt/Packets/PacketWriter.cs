using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace WebKita.Mqtt.Packets;

/// <summary>
/// A growable buffer rented from <see cref="ArrayPool{T}"/> that packets are encoded into.
/// Length-prefixed blocks (remaining length, property length) reserve four bytes and are
/// closed by shifting the body left, so a packet is encoded in one pass. Not thread-safe.
/// </summary>
internal sealed class PacketWriter : IDisposable
{
    private const int ReservedLengthBytes = 4;
    private byte[] _buffer;
    private int _length;

    public PacketWriter(int initialCapacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    public int Length => _length;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public void Reset() => _length = 0;

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);

    public void WriteVariableByteInteger(int value)
    {
        var span = Reserve(VariableByteInteger.Size(value));
        VariableByteInteger.Write(span, value);
    }

    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        if (count > ushort.MaxValue)
        {
            throw new ArgumentException($"UTF-8 string of {count} bytes exceeds 65535: '{value[..32]}...'", nameof(value));
        }

        WriteUInt16((ushort)count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"binary data of {value.Length} bytes exceeds 65535", nameof(value));
        }

        WriteUInt16((ushort)value.Length);
        WriteBytes(value);
    }

    public void WriteBytes(ReadOnlySpan<byte> value) => value.CopyTo(Reserve(value.Length));

    public int BeginPacket(MqttPacketType type, int flags)
    {
        var start = _length;
        WriteByte((byte)(((int)type << 4) | flags));
        BeginLengthPrefixed();
        return start;
    }

    public void EndPacket(int start) => EndLengthPrefixed(start + 1);

    public int BeginLengthPrefixed()
    {
        var start = _length;
        Reserve(ReservedLengthBytes);
        return start;
    }

    public void EndLengthPrefixed(int start)
    {
        var bodyStart = start + ReservedLengthBytes;
        var bodyLength = _length - bodyStart;
        var prefixLength = VariableByteInteger.Write(_buffer.AsSpan(start), bodyLength);
        if (prefixLength < ReservedLengthBytes)
        {
            _buffer.AsSpan(bodyStart, bodyLength).CopyTo(_buffer.AsSpan(start + prefixLength));
            _length -= ReservedLengthBytes - prefixLength;
        }
    }

    public void WriteProperty(PropertyId id, byte value)
    {
        WriteByte((byte)id);
        WriteByte(value);
    }

    public void WriteProperty(PropertyId id, ushort value)
    {
        WriteByte((byte)id);
        WriteUInt16(value);
    }

    public void WriteProperty(PropertyId id, uint value)
    {
        WriteByte((byte)id);
        WriteUInt32(value);
    }

    public void WriteProperty(PropertyId id, string? value)
    {
        if (value is not null)
        {
            WriteByte((byte)id);
            WriteString(value);
        }
    }

    public void WriteProperty(PropertyId id, byte[]? value)
    {
        if (value is not null)
        {
            WriteByte((byte)id);
            WriteBinary(value);
        }
    }

    public void WriteSubscriptionIdentifier(uint value)
    {
        WriteByte((byte)PropertyId.SubscriptionIdentifier);
        WriteVariableByteInteger(checked((int)value));
    }

    public void WriteUserProperties(IReadOnlyList<MqttUserProperty> properties)
    {
        foreach (var property in properties)
        {
            WriteByte((byte)PropertyId.UserProperty);
            WriteString(property.Name);
            WriteString(property.Value);
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
