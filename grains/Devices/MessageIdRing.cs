using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebKita.Grains.Devices;

/// <summary>
/// The ids of a device's latest messages, as 64-bit hashes, oldest first, at most
/// <see cref="Capacity"/>. MQTT QoS 1 redelivers only messages the gateway had not acknowledged,
/// and a gateway has at most its Receive Maximum (far below 1024) unacknowledged at once, so a
/// redelivery always finds its id here. Stored as one base64 string (8 bytes an id) to keep the
/// device's row small, since it is rewritten with every commit. Immutable.
/// </summary>
[JsonConverter(typeof(MessageIdRingConverter))]
public sealed class MessageIdRing
{
    public const int Capacity = 1024;

    public static readonly MessageIdRing Empty = new(ImmutableQueue<ulong>.Empty, [], 0);

    private readonly ImmutableQueue<ulong> _order;
    private readonly ImmutableHashSet<ulong> _members;

    private MessageIdRing(ImmutableQueue<ulong> order, ImmutableHashSet<ulong> members, int count)
    {
        _order = order;
        _members = members;
        Count = count;
    }

    public int Count { get; }

    public bool Contains(string messageId) => _members.Contains(Hash(messageId));

    /// <summary>Adds the id, dropping the oldest when full. Adding a member answers this ring.</summary>
    public MessageIdRing Add(string messageId) => Add(Hash(messageId));

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

    private MessageIdRing Add(ulong hash)
    {
        if (_members.Contains(hash))
        {
            return this;
        }

        var order = _order.Enqueue(hash);
        var members = _members.Add(hash);
        var count = Count + 1;
        if (count > Capacity)
        {
            order = order.Dequeue(out var oldest);
            members = members.Remove(oldest);
            count--;
        }

        return new MessageIdRing(order, members, count);
    }

    private sealed class MessageIdRingConverter : JsonConverter<MessageIdRing>
    {
        public override MessageIdRing Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var bytes = reader.GetBytesFromBase64();
            var ring = Empty;
            for (var i = 0; i + 8 <= bytes.Length; i += 8)
            {
                ring = ring.Add(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i)));
            }

            return ring;
        }

        public override void Write(Utf8JsonWriter writer, MessageIdRing value, JsonSerializerOptions options)
        {
            var bytes = new byte[value.Count * 8];
            var i = 0;
            foreach (var hash in value._order)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i), hash);
                i += 8;
            }

            writer.WriteBase64StringValue(bytes);
        }
    }
}
