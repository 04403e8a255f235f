using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Channel;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;

namespace WebKita.Mqtt.Connecting;

/// <summary>
/// Reads the socket in large pieces and hands MQTTnet the small ones it asks for. MQTTnet reads a
/// packet in three calls (two header bytes, the rest of its length, the body), and on an
/// unbuffered socket each is a system call: a sixth of the gateway's CPU during a burst went
/// into them. One read now fetches whatever the broker has sent, many packets at once.
/// Writes pass through. Used by one reader at a time (MQTTnet's receive loop).
/// </summary>
internal sealed class ReadAheadChannel(IMqttChannel socket) : IMqttChannel
{
    private const int BufferSize = 64 * 1024;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;

    public X509Certificate2 ClientCertificate => socket.ClientCertificate;

    public EndPoint RemoteEndPoint => socket.RemoteEndPoint;

    public EndPoint LocalEndPoint => socket.LocalEndPoint;

    public bool IsSecureConnection => socket.IsSecureConnection;

    public Task ConnectAsync(CancellationToken cancellationToken) => socket.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => socket.DisconnectAsync(cancellationToken);

    public Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _start < _end ? Task.FromResult(Take(buffer, offset, count)) : FillAndTakeAsync(buffer, offset, count, cancellationToken);

    private async Task<int> FillAndTakeAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        // A read as large as the buffer goes straight into the caller's (a large body).
        if (count >= BufferSize)
        {
            return await socket.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        }

        _start = 0;
        _end = await socket.ReadAsync(_buffer, 0, BufferSize, cancellationToken).ConfigureAwait(false);
        return _end == 0 ? 0 : Take(buffer, offset, count);
    }

    private int Take(byte[] buffer, int offset, int count)
    {
        var taken = Math.Min(count, _end - _start);
        Buffer.BlockCopy(_buffer, _start, buffer, offset, taken);
        _start += taken;
        return taken;
    }

    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) =>
        socket.WriteAsync(buffer, isEndOfPacket, cancellationToken);

    public void Dispose() => socket.Dispose();
}

/// <summary>MQTTnet's own TCP adapter, with the socket read ahead (<see cref="ReadAheadChannel"/>).</summary>
internal sealed class ReadAheadAdapterFactory : IMqttClientAdapterFactory
{
    public IMqttChannelAdapter CreateClientAdapter(MqttClientOptions options, MqttPacketInspector packetInspector, IMqttNetLogger logger) =>
        new MqttChannelAdapter(
            new ReadAheadChannel(new MqttTcpChannel(options)),
            new MqttPacketFormatterAdapter(options.ProtocolVersion, new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax)),
            logger)
        {
            AllowPacketFragmentation = options.AllowPacketFragmentation,
            PacketInspector = packetInspector,
        };
}
