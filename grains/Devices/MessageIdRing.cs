using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebKita.Grains.Devices;

/// <summary>
/// The ids of a device's latest messages, as 64-bit hashes, oldest first, at most
/// <see cref="Capacity"/>. MQTT QoS 1 redelivers only messages the gateway had not acknowledged,
/// and a gateway has at most its Receive Maximum (far below 1024) unacknowledged at once, so a
/// redelivery always finds its id here. Stored as one base64 string (8 bytes an id) to keep the
/// device's row small, since it is rewritten with every commit. Immutable: adding copies the
/// array (8 KiB at most, cheaper than a persistent set of a thousand nodes, and a vectorised scan
/// answers <see cref="Contains"/>).
/// </summary>
[JsonConverter(typeof(MessageIdRingConverter))]
public sealed class MessageIdRing
{
    public const int Capacity = 1024;

    public static readonly MessageIdRing Empty = new([]);

    // In arrival order, oldest first.
    private readonly ulong[] _hashes;

    private MessageIdRing(ulong[] hashes) => _hashes = hashes;

    public int Count => _hashes.Length;

    public bool Contains(string messageId) => _hashes.AsSpan().Contains(Hash(messageId));

    /// <summary>Adds the id, dropping the oldest when full. Adding a member answers this ring.</summary>
    public MessageIdRing Add(string messageId)
    {
        var hash = Hash(messageId);
        if (_hashes.AsSpan().Contains(hash))
        {
            return this;
        }

        var keep = Math.Min(_hashes.Length, Capacity - 1);
        var hashes = new ulong[keep + 1];
        _hashes.AsSpan(_hashes.Length - keep).CopyTo(hashes);
        hashes[keep] = hash;
        return new MessageIdRing(hashes);
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes and versions, unlike string.GetHashCode.</summary>
    public static ulong Hash(string messageId)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in messageId)
        {
            hash = (hash ^ (c & 0xFFu)) * 1099511628211UL;
            hash = (hash ^ (uint)(c >> 8)) * 1099511628211UL;
        }

        return hash;
    }

    private sealed class MessageIdRingConverter : JsonConverter<MessageIdRing>
    {
        public override MessageIdRing Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var bytes = reader.GetBytesFromBase64();
            var hashes = new ulong[Math.Min(bytes.Length / 8, Capacity)];
            var skip = (bytes.Length / 8) - hashes.Length;
            for (var i = 0; i < hashes.Length; i++)
            {
                hashes[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((skip + i) * 8));
            }

            return new MessageIdRing(hashes);
        }

        public override void Write(Utf8JsonWriter writer, MessageIdRing value, JsonSerializerOptions options)
        {
            var bytes = new byte[value._hashes.Length * 8];
            for (var i = 0; i < value._hashes.Length; i++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), value._hashes[i]);
            }

            writer.WriteBase64StringValue(bytes);
        }
    }
}
