namespace WebKita.Silo.Storage;

/// <summary>
/// One of the chunks of a device's ring of recent message ids (<see cref="Grains.Devices.MessageIdRing"/>):
/// the hashes of its 64 slots as the ring held them once <paramref name="Total"/> ids had been
/// added. A write replaces the chunk; a commit writes the chunks its new ids fell into, so a run
/// of a device's messages costs one row, not one a message. The device's own state says which
/// total is current.
/// </summary>
public sealed record MessageIdChunk(GrainKey Grain, int Chunk, long Total, ulong[] Hashes);
