using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebKita.Grains.Devices;

/// <summary>
/// The ids of a device's latest messages, as 64-bit hashes, oldest first, at most
/// <see cref="Capacity"/>. MQTT QoS 1 redelivers only messages whose acknowledgement the broker
/// had not read, and the gateway lets at most <see cref="Capacity"/> of a device's messages go
/// unconfirmed (its RedeliveryGuard), so a redelivery always finds its id here. Each id has a sequence number (<see cref="Total"/> counts
/// every id ever added) and a slot (<c>sequence % Capacity</c>): the store keeps the hashes in
/// chunks of 64 slots beside the device and the device's JSON holds only <see cref="Total"/>, so a
/// commit writes the one or two chunks its new ids fell into instead of rewriting all thousand.
/// Immutable: adding copies one chunk of the slots (a vectorised scan per chunk answers <see cref="Contains"/>),
/// except in a ring made by <see cref="ForTurn"/>, which a device shard's turn adds to in place.
/// </summary>
[JsonConverter(typeof(MessageIdRingConverter))]
public sealed class MessageIdRing
{
    public const int Capacity = 1024;

    // The hashes by slot (sequence % Capacity) in chunks, so that adding an id copies one chunk
    // and the chunk table (under 700 bytes) rather than all 8 KiB; slots 0 to Count - 1 are held.
    public const int ChunkSize = 64;
    private const int Chunks = Capacity / ChunkSize;

    public static readonly MessageIdRing Empty = new(new ulong[Chunks][], 0, 0);

    private readonly ulong[]?[] _chunks;
    private int _count;
    private long _total;

    // Only in a ring for a turn (ForTurn, until Freeze): the chunks it copied already, by bit, which adding writes in place.
    private bool _inTurn;
    private uint _copied;

    private MessageIdRing(ulong[]?[] chunks, int count, long total)
    {
        _chunks = chunks;
        _count = count;
        _total = total;
    }

    public int Count => _count;

    /// <summary>How many ids were ever added: the sequence number the next one gets.</summary>
    public long Total => _total;

    /// <summary>
    /// False for a ring read from a device's JSON alone: its hashes are still in the store's chunks
    /// (<see cref="Restore"/>). Such a ring answers nothing, so it cannot pass a repeat as new.
    /// </summary>
    public bool HoldsAll => _count == Math.Min(_total, Capacity);

    public bool Contains(string messageId) => Holds(Hash(messageId));

    /// <summary>Adds the id, dropping the oldest when full. Adding a member answers this ring.</summary>
    public MessageIdRing Add(string messageId)
    {
        var hash = Hash(messageId);
        if (Holds(hash))
        {
            return this;
        }

        if (!_inTurn)
        {
            return With(SlotOf(_total), hash, Math.Min(_count + 1, Capacity), _total + 1);
        }

        var slot = SlotOf(_total);
        var chunk = slot / ChunkSize;
        if ((_copied & (1u << chunk)) == 0)
        {
            _chunks[chunk] = _chunks[chunk] is { } held ? (ulong[])held.Clone() : new ulong[ChunkSize];
            _copied |= 1u << chunk;
        }

        _chunks[chunk]![slot % ChunkSize] = hash;
        _count = Math.Min(_count + 1, Capacity);
        _total++;
        return this;
    }

    /// <summary>
    /// A ring with the same ids that a device shard's turn adds to in place: it copies a chunk the
    /// first time it writes to it rather than for every id (a turn adds up to hundreds of a
    /// device's ids). This ring stays as it is. Only the turn may hold it until <see cref="Freeze"/>.
    /// </summary>
    public MessageIdRing ForTurn() => new((ulong[]?[])_chunks.Clone(), _count, _total) { _inTurn = true };

    /// <summary>Ends the turn's adding in place: from now on adding copies again. Answers this ring.</summary>
    public MessageIdRing Freeze()
    {
        _inTurn = false;
        return this;
    }

    /// <summary>
    /// The chunks (numbers and their 64 slots' hashes) that hold an id whose sequence is at least
    /// <paramref name="sequence"/>: what a commit must store beside the device, one row a chunk.
    /// The arrays are the ring's own and never change (adding copies the chunk it writes to; a
    /// ring for a turn must be frozen first).
    /// </summary>
    public IReadOnlyList<(int Chunk, ulong[] Hashes)> ChunksSince(long sequence)
    {
        var first = Math.Max(sequence, _total - _count);
        var chunks = new List<(int, ulong[])>();
        Span<bool> listed = stackalloc bool[Chunks];
        // From chunk to chunk; a range of a whole ring that starts mid-chunk meets its first chunk again.
        for (var s = first; s < _total; s += ChunkSize - (SlotOf(s) % ChunkSize))
        {
            var chunk = SlotOf(s) / ChunkSize;
            if (!listed[chunk])
            {
                listed[chunk] = true;
                chunks.Add((chunk, _chunks[chunk]!));
            }
        }

        return chunks;
    }

    /// <summary>
    /// The ring the store's chunks describe, for a device whose JSON says <paramref name="total"/>
    /// ids were added. A chunk stored when the ring's total was <c>Total</c> holds in each slot the
    /// latest id before that total whose sequence falls on the slot; later ids in the chunk would
    /// have stored it again. An id not among the latest <see cref="Capacity"/> is a leftover and
    /// is ignored.
    /// </summary>
    public static MessageIdRing Restore(long total, IEnumerable<(int Chunk, long Total, ulong[] Hashes)> chunks)
    {
        var first = Math.Max(0, total - Capacity);
        var count = (int)(total - first);
        var restored = new ulong[Chunks][];
        var found = 0;
        foreach (var (chunk, written, hashes) in chunks)
        {
            for (var i = 0; i < ChunkSize; i++)
            {
                var sequence = SequenceAt((chunk * ChunkSize) + i, written);
                if (sequence >= first && sequence < total)
                {
                    (restored[chunk] ??= new ulong[ChunkSize])[i] = hashes[i];
                    found++;
                }
            }
        }

        return found == count
            ? new MessageIdRing(restored, count, total)
            : throw new InvalidOperationException($"The store holds {found} of the {count} latest message ids (total {total}); it was written without them.");
    }

    public static int SlotOf(long sequence) => (int)(sequence % Capacity);

    /// <summary>The sequence a slot holds once <paramref name="total"/> ids were added: the latest before it on that slot; negative if none was.</summary>
    public static long SequenceAt(int slot, long total) => total - 1 - ((((total - 1 - slot) % Capacity) + Capacity) % Capacity);

    private bool Holds(ulong hash)
    {
        if (!HoldsAll)
        {
            throw new InvalidOperationException($"This ring of {_total} message ids was read without its hashes; restore it from the store first.");
        }

        for (var c = 0; c * ChunkSize < _count; c++)
        {
            if (_chunks[c]!.AsSpan(0, Math.Min(ChunkSize, _count - (c * ChunkSize))).Contains(hash))
            {
                return true;
            }
        }

        return false;
    }

    private MessageIdRing With(int slot, ulong hash, int count, long total)
    {
        var chunks = (ulong[]?[])_chunks.Clone();
        var chunk = chunks[slot / ChunkSize] is { } held ? (ulong[])held.Clone() : new ulong[ChunkSize];
        chunk[slot % ChunkSize] = hash;
        chunks[slot / ChunkSize] = chunk;
        return new MessageIdRing(chunks, count, total);
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

    /// <summary>
    /// Writes <see cref="Total"/> only (the hashes live in the store's chunks). Reads that, or the
    /// older form (all hashes as one base64 string), which comes back holding its hashes so that
    /// the next commit moves them into chunks.
    /// </summary>
    private sealed class MessageIdRingConverter : JsonConverter<MessageIdRing>
    {
        public override MessageIdRing Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                var total = reader.GetInt64();
                return total == 0 ? Empty : new MessageIdRing(new ulong[Chunks][], 0, total);
            }

            var bytes = reader.GetBytesFromBase64();
            var held = Math.Min(bytes.Length / 8, Capacity);
            var skip = (bytes.Length / 8) - held;
            var ring = Empty;
            for (var i = 0; i < held; i++)
            {
                ring = ring.With(i, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((skip + i) * 8)), i + 1, i + 1);
            }

            return ring;
        }

        public override void Write(Utf8JsonWriter writer, MessageIdRing value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value._total);
    }
}
