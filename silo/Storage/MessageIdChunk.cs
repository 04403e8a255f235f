using WebKita.Grains.Devices;

namespace WebKita.Silo.Storage;

/// <summary>
/// One of the chunks of a device's ring of recent message ids (<see cref="Grains.Devices.MessageIdRing"/>):
/// the hashes of its 64 slots as the ring held them once <paramref name="Total"/> ids had been
/// added. A write replaces the chunk; a commit writes the chunks its new ids fell into, so a run
/// of a device's messages costs one row, not one a message. The device's own state says which
/// total is current.
/// </summary>
public sealed record MessageIdChunk(GrainKey Grain, int Chunk, long Total, ulong[] Hashes)
{
    /// <summary>
    /// The whole ring of a device whose JSON held <paramref name="stored"/>, from its chunks; null
    /// when a chunk was written at a total beyond it, by a commit after the device was read.
    /// </summary>
    public static MessageIdRing? Restore(MessageIdRing stored, IEnumerable<MessageIdChunk> chunks) =>
        chunks.Any(c => c.Total > stored.Total) ? null : MessageIdRing.Restore(stored.Total, chunks.Select(c => (c.Chunk, c.Total, c.Hashes)));
}
