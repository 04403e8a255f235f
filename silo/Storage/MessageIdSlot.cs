namespace WebKita.Silo.Storage;

/// <summary>
/// One slot of a device's ring of recent message ids (<see cref="Grains.Devices.MessageIdRing"/>):
/// the id with sequence number <paramref name="Sequence"/> hashes to <paramref name="Hash"/>. A
/// write replaces whatever the slot held; the device's own state says which sequences are current.
/// </summary>
public sealed record MessageIdSlot(GrainKey Grain, int Slot, long Sequence, long Hash);
