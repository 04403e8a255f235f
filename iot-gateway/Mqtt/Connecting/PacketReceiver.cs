using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt.Connecting;

/// <summary>
/// Reads whole packets from a stream. The buffer grows only to hold the packet being read, and the
/// framer rejects a packet whose announced length exceeds the maximum before the buffer grows,
/// so a peer cannot make us allocate more than the maximum packet size. Not thread-safe: one reader.
/// </summary>
internal sealed class PacketReceiver(Stream stream, int maximumPacketSize)
{
    private const int InitialBufferSize = 64 * 1024;
    private byte[] _buffer = new byte[Math.Min(InitialBufferSize, Math.Max(maximumPacketSize, 16))];
    private int _start;
    private int _end;
    private int _needed;

    public async ValueTask<MqttPacket> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryDecodeBuffered(out var packet))
            {
                return packet;
            }

            MakeRoom();
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new MqttConnectionException(_end > _start
                    ? $"the server closed the connection in the middle of a packet ({_end - _start} of {_needed} bytes received)"
                    : "the server closed the connection");
            }

            _end += read;
        }
    }

    private bool TryDecodeBuffered(out MqttPacket packet)
    {
        packet = null!;
        var buffered = _buffer.AsSpan(_start, _end - _start);
        if (!PacketFramer.TryReadHeader(buffered, maximumPacketSize, out var headerLength, out var remainingLength))
        {
            _needed = buffered.Length + 1;
            return false;
        }

        _needed = headerLength + remainingLength;
        if (buffered.Length < _needed)
        {
            return false;
        }

        packet = PacketDecoder.Decode(buffered[0], buffered.Slice(headerLength, remainingLength));
        _start += _needed;
        return true;
    }

    private void MakeRoom()
    {
        var buffered = _end - _start;
        if (buffered == 0)
        {
            _start = _end = 0;
        }

        if (_buffer.Length - _start >= _needed && _buffer.Length - _end >= 4096)
        {
            return;
        }

        var target = _buffer;
        if (_buffer.Length < _needed)
        {
            target = new byte[Math.Max(_needed, Math.Min(_buffer.Length * 2, maximumPacketSize))];
        }

        _buffer.AsSpan(_start, buffered).CopyTo(target);
        _buffer = target;
        _start = 0;
        _end = buffered;
    }
}
