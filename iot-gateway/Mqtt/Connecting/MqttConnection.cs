using System.Collections.Concurrent;
using System.Threading.Channels;
using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt.Connecting;

/// <summary>
/// One network connection: a read loop, a write loop that batches whatever is queued into one
/// write, and the keep-alive timer. It ends exactly once; <see cref="Closed"/> then holds the reason.
/// </summary>
internal sealed class MqttConnection
{
    private const int WriteBatchBytes = 64 * 1024;

    // I/O guards run on real time, protocol timing (keep-alive) on the injected TimeProvider: a test
    // that fast-forwards keep-alive must not also time out a close whose bytes are still being written.
    private static readonly TimeSpan GracefulCloseTimeout = TimeSpan.FromSeconds(1);

    private readonly Stream _stream;
    private readonly PacketReceiver _receiver;
    private readonly TimeProvider _time;
    private readonly Channel<MqttPacket> _outgoing = Channel.CreateUnbounded<MqttPacket>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _readLoopEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<ushort, TaskCompletionSource<SubAckPacket>> _requests = new();
    private Task _writeLoop = Task.CompletedTask;
    private long _lastReceived;
    private long _lastSent;
    private long _lastPingSent;
    private int _closing;
    private int _readerWaiting;

    private MqttConnection(Stream stream, int maximumPacketSize, TimeProvider time)
    {
        _stream = stream;
        _receiver = new PacketReceiver(stream, maximumPacketSize);
        _time = time;
        _lastReceived = _lastSent = time.GetTimestamp();
    }

    public Task<Exception> Closed => _closed.Task;

    public static async Task<(MqttConnection Connection, ConnAckPacket ConnAck)> OpenAsync(
        MqttClientOptions options, ConnectPacket connect, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        Stream? stream = null;
        try
        {
            stream = await options.StreamFactory.ConnectAsync(timeout.Token).ConfigureAwait(false);
            var connection = new MqttConnection(stream, options.MaximumPacketSize, time);
            using (var writer = new PacketWriter())
            {
                PacketEncoder.Encode(connect, writer);
                await stream.WriteAsync(writer.WrittenMemory, timeout.Token).ConfigureAwait(false);
            }

            var first = await connection._receiver.ReceiveAsync(timeout.Token).ConfigureAwait(false);
            if (first is not ConnAckPacket connAck)
            {
                throw MqttProtocolException.ProtocolError($"expected CONNACK, received {first.Type}");
            }

            return (connection, connAck);
        }
        catch (Exception exception)
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw exception switch
            {
                MqttProtocolException or MqttConnectionException => exception,
                OperationCanceledException => new MqttConnectionException($"no CONNACK from {options.StreamFactory} within {options.ConnectTimeout}"),
                _ => new MqttConnectionException($"cannot connect to {options.StreamFactory}: {exception.Message}", innerException: exception),
            };
        }
    }

    /// <summary>Starts the loops; <paramref name="dispatch"/> runs on the read loop, one packet at a time.</summary>
    public void Start(Func<MqttPacket, CancellationToken, ValueTask> dispatch, TimeSpan keepAlive)
    {
        _writeLoop = Task.Run(WriteLoopAsync);
        _ = Task.Run(() => ReadLoopAsync(dispatch));
        if (keepAlive > TimeSpan.Zero)
        {
            _ = Task.Run(() => KeepAliveLoopAsync(keepAlive));
        }
    }

    /// <summary>Queues a packet; false once the connection is closing. Packets leave in the order queued.</summary>
    public bool TrySend(MqttPacket packet) => _outgoing.Writer.TryWrite(packet);

    public async Task<SubAckPacket> RequestAsync(MqttPacket request, ushort packetId, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<SubAckPacket>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests[packetId] = completion;
        try
        {
            if (!TrySend(request))
            {
                throw new MqttConnectionException("the connection is closing", innerException: Closed.IsCompleted ? Closed.Result : null);
            }

            if (Closed.IsCompleted)
            {
                throw new MqttConnectionException("the connection was lost", innerException: Closed.Result);
            }

            return await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _requests.TryRemove(packetId, out _);
        }
    }

    public bool CompleteRequest(SubAckPacket response) =>
        _requests.TryGetValue(response.PacketId, out var completion) && completion.TrySetResult(response);

    /// <summary>
    /// Sends DISCONNECT after whatever is queued, waits briefly for it to leave, then closes. With
    /// <paramref name="awaitServerClose"/> it also waits (briefly) for the server to close its side: only then
    /// is it certain the server read the acknowledgements queued before the DISCONNECT, rather than
    /// dropping them because a new connection with the same client id took the session over first.
    /// </summary>
    public async Task CloseGracefullyAsync(DisconnectPacket disconnect, Exception reason, bool awaitServerClose = false)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            await Closed.ConfigureAwait(false);
            return;
        }

        _outgoing.Writer.TryWrite(disconnect);
        _outgoing.Writer.TryComplete();
        try
        {
            await _writeLoop.WaitAsync(GracefulCloseTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A peer that stopped reading must not hold the close up; the socket is torn down below.
            awaitServerClose = false;
        }

        if (awaitServerClose)
        {
            try
            {
                await _readLoopEnded.Task.WaitAsync(GracefulCloseTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The server did not close in time; closing from our side is still correct.
            }
        }

        Teardown(reason);
    }

    /// <summary>Closes at once without DISCONNECT; the first reason given wins.</summary>
    public void Abort(Exception reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 0)
        {
            Teardown(reason);
        }
    }

    private void Teardown(Exception reason)
    {
        _outgoing.Writer.TryComplete();
        _lifetime.Cancel();
        _stream.Dispose();
        var lost = reason as MqttConnectionException ?? new MqttConnectionException($"the connection was closed: {reason.Message}", (reason as MqttProtocolException)?.ReasonCode, reason);
        foreach (var request in _requests.Values)
        {
            request.TrySetException(lost);
        }

        _closed.TrySetResult(reason);
    }

    private async Task ReadLoopAsync(Func<MqttPacket, CancellationToken, ValueTask> dispatch)
    {
        var token = _lifetime.Token;
        try
        {
            while (true)
            {
                var packet = await _receiver.ReceiveAsync(token).ConfigureAwait(false);
                Volatile.Write(ref _lastReceived, _time.GetTimestamp());
                var dispatched = dispatch(packet, token);
                if (!dispatched.IsCompletedSuccessfully)
                {
                    // Waiting for the application to acknowledge: silence from the server meanwhile
                    // is our doing, so keep-alive must not count it.
                    Volatile.Write(ref _readerWaiting, 1);
                    try
                    {
                        await dispatched.ConfigureAwait(false);
                    }
                    finally
                    {
                        Volatile.Write(ref _lastReceived, _time.GetTimestamp());
                        Volatile.Write(ref _readerWaiting, 0);
                    }
                }
            }
        }
        catch (MqttProtocolException violation)
        {
            await CloseGracefullyAsync(new DisconnectPacket { ReasonCode = violation.ReasonCode, ReasonString = Truncate(violation.Message) }, violation).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not MqttConnectionException)
        {
            Abort(token.IsCancellationRequested ? exception : new MqttConnectionException($"receive failed: {exception.Message}", innerException: exception));
        }
        catch (MqttConnectionException exception)
        {
            Abort(exception);
        }
        finally
        {
            _readLoopEnded.TrySetResult();
        }
    }

    private async Task WriteLoopAsync()
    {
        var token = _lifetime.Token;
        var reader = _outgoing.Reader;
        using var writer = new PacketWriter(WriteBatchBytes);
        try
        {
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (writer.Length < WriteBatchBytes && reader.TryRead(out var packet))
                {
                    PacketEncoder.Encode(packet, writer);
                }

                await _stream.WriteAsync(writer.WrittenMemory, token).ConfigureAwait(false);
                writer.Reset();
                Volatile.Write(ref _lastSent, _time.GetTimestamp());
            }

            await _stream.FlushAsync(token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Abort(token.IsCancellationRequested ? exception : new MqttConnectionException($"send failed: {exception.Message}", innerException: exception));
        }
    }

    /// <summary>
    /// Pings when either direction has been idle for half the keep-alive, and declares the server
    /// dead when nothing at all arrived for a whole keep-alive: with the check every eighth of the
    /// interval a silent server is noticed within 1.125 × keep-alive, well inside the 1.5 × the
    /// server itself allows.
    /// </summary>
    private async Task KeepAliveLoopAsync(TimeSpan keepAlive)
    {
        var token = _lifetime.Token;
        var half = keepAlive / 2;
        try
        {
            while (true)
            {
                await Task.Delay(keepAlive / 8, _time, token).ConfigureAwait(false);
                var now = _time.GetTimestamp();
                var lastReceived = Volatile.Read(ref _lastReceived);
                var silence = _time.GetElapsedTime(lastReceived, now);
                if (silence >= keepAlive && Volatile.Read(ref _readerWaiting) == 0)
                {
                    var timeout = new MqttConnectionException($"no packet from the server for {silence.TotalSeconds:0.0} s (keep alive {keepAlive.TotalSeconds:0.#} s)", MqttReasonCode.KeepAliveTimeout);
                    await CloseGracefullyAsync(new DisconnectPacket { ReasonCode = MqttReasonCode.KeepAliveTimeout }, timeout).ConfigureAwait(false);
                    return;
                }

                var pingOutstanding = Volatile.Read(ref _lastPingSent) > lastReceived;
                if (!pingOutstanding && (silence >= half || _time.GetElapsedTime(Volatile.Read(ref _lastSent), now) >= half))
                {
                    Volatile.Write(ref _lastPingSent, now);
                    TrySend(PingPacket.Request);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection closed; whoever closed it recorded the reason.
        }
    }

    private static string Truncate(string message) => message.Length <= 200 ? message : message[..200];
}
