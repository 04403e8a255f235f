namespace WebKita.Mqtt.Connecting;

/// <summary>Non-zero packet identifiers, each in use by at most one outstanding exchange. Thread-safe.</summary>
internal sealed class PacketIdentifierPool
{
    private readonly HashSet<ushort> _inUse = [];
    private readonly Lock _gate = new();
    private ushort _next = 1;

    public ushort Rent()
    {
        lock (_gate)
        {
            if (_inUse.Count == ushort.MaxValue)
            {
                throw new InvalidOperationException("all 65535 packet identifiers are in use");
            }

            while (true)
            {
                var candidate = _next;
                _next = _next == ushort.MaxValue ? (ushort)1 : (ushort)(_next + 1);
                if (_inUse.Add(candidate))
                {
                    return candidate;
                }
            }
        }
    }

    public void Release(ushort packetId)
    {
        lock (_gate)
        {
            _inUse.Remove(packetId);
        }
    }
}
