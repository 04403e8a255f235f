using System.Collections.Concurrent;

namespace WebKita.IotGateway.Ingestion;

/// <summary>
/// Keeps every message the broker may still deliver again within what its device remembers: the
/// ids of its latest <c>ringCapacity</c> messages (<see cref="Grains.Devices.MessageIdRing"/>).
/// The broker delivers a message again only if it has not read its acknowledgement, so at most
/// that many of a device's messages may be handled since the broker last confirmed reading one of
/// them. Confirming one confirms all of the device's messages before it: acknowledgements leave in
/// arrival order, and a message the broker delivers again comes ahead of anything newer.
/// <para>
/// So the window (Receive Maximum) is free of the ring's size. A device's run is handled in parts
/// of at most half the ring; before a part that would pass it, the device's last handled message
/// is confirmed (a ping round trip). Devices that send as devices do never wait; one that floods
/// waits a round trip every half ring.
/// </para>
/// Each device's runs come one after another (<see cref="DeviceLanes{T}"/>); devices at once.
/// </summary>
internal sealed class RedeliveryGuard(int ringCapacity)
{
    private readonly ConcurrentDictionary<string, Unconfirmed> _devices = new(StringComparer.Ordinal);

    public async Task HandleAsync(string deviceId, IReadOnlyList<Delivery> run, Func<IReadOnlyList<Delivery>, Task> handle, CancellationToken cancellationToken)
    {
        var device = _devices.GetOrAdd(deviceId, static _ => new Unconfirmed());
        var start = 0;
        while (start < run.Count)
        {
            var size = Math.Min(ringCapacity / 2, run.Count - start);
            if (device.Count + size > ringCapacity && device.Last is { } last)
            {
                if (await last.Message.ConfirmAsync(cancellationToken))
                {
                    device.Count = 0;
                }
                else
                {
                    // Its connection is gone. What came on it cannot be acknowledged any more and
                    // comes again; skipped. The device's first message on a newer connection is
                    // handled alone: if the broker still holds any of the device's handled messages,
                    // they come again first, so this one is among them (its id is remembered) or
                    // nothing older is outstanding and a new id pushes out none that is.
                    while (start < run.Count && run[start].Message.IsStale)
                    {
                        start++;
                    }

                    size = Math.Min(1, run.Count - start);
                }
            }

            if (size == 0)
            {
                return;
            }

            var part = size == run.Count ? run : [.. run.Skip(start).Take(size)];
            await handle(part);
            device.Count += size;
            device.Last = part[size - 1];
            start += size;
        }
    }

    /// <summary>A device's messages handled since the broker last confirmed reading one; touched only by the device's lane.</summary>
    private sealed class Unconfirmed
    {
        public int Count { get; set; }

        public Delivery? Last { get; set; }
    }
}
