using MQTTnet;

namespace WebKita.Mqtt.Receiving;

/// <summary>
/// Keeps PUBACK/PUBREC in the order the PUBLISH packets arrived (MQTT 5.0 §4.6) while the
/// application acknowledges in any order from any thread: an acknowledgement only marks its
/// entry, and one pump sends entries from the head, each send awaited before the next, once
/// everything before them is acknowledged. MQTTnet sends an acknowledgement the moment it is
/// asked to, so without this queue the wire order would be the application's order.
/// One queue per network connection: packet identifiers restart with each connection, so after
/// <see cref="CloseAsync"/> acknowledging does nothing and the broker redelivers instead.
/// It also counts what is held (received, PUBACK not yet sent) against Receive Maximum.
/// A send that fails closes the queue and is reported to <paramref name="failed"/>: the
/// connection can no longer acknowledge, so its owner must replace it.
/// </summary>
internal sealed class AcknowledgementQueue(Func<PendingAcknowledgement, CancellationToken, Task> send, Action<Exception>? failed = null)
{
    private readonly Queue<PendingAcknowledgement> _pending = new();
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _closing = new();
    private Task _pump = Task.CompletedTask;
    private bool _pumping;
    private bool _closed;
    private int _held;
    private TaskCompletionSource? _roomWaiter;
    private int _roomLimit;

    /// <summary>Messages received whose acknowledgement has not been sent yet.</summary>
    public int Held
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }

    /// <summary>Completes once fewer than <paramref name="limit"/> messages are held, or the queue is closed. One waiter at a time (MQTTnet's serial handler).</summary>
    public Task WaitForRoomAsync(int limit)
    {
        lock (_gate)
        {
            if (_held < limit || _closed)
            {
                return Task.CompletedTask;
            }

            _roomLimit = limit;
            _roomWaiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _roomWaiter.Task;
        }
    }

    /// <summary>Registers a received message in arrival order; null once the queue is closed.</summary>
    public PendingAcknowledgement? Enqueue(object? delivery)
    {
        var entry = new PendingAcknowledgement(this, delivery);
        lock (_gate)
        {
            if (_closed)
            {
                return null;
            }

            _pending.Enqueue(entry);
            _held++;
        }

        return entry;
    }

    /// <summary>True once the entry's acknowledgement was sent; false if the queue closed before it was.</summary>
    public Task<bool> SentAsync(PendingAcknowledgement entry)
    {
        lock (_gate)
        {
            if (entry.Sent || _closed)
            {
                return Task.FromResult(entry.Sent);
            }

            entry.SentWaiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            return entry.SentWaiter.Task;
        }
    }

    /// <summary>Marks the entry acknowledged; false if it already was or its connection is gone. Thread-safe.</summary>
    public bool Acknowledge(PendingAcknowledgement entry, MqttApplicationMessageReceivedReasonCode reasonCode)
    {
        lock (_gate)
        {
            if (_closed || entry.Acknowledged)
            {
                return false;
            }

            entry.Acknowledged = true;
            entry.ReasonCode = reasonCode;
            if (!_pumping && _pending.TryPeek(out var head) && head.Acknowledged)
            {
                _pumping = true;
                _pump = Task.Run(PumpAsync, CancellationToken.None);
            }

            return true;
        }
    }

    /// <summary>
    /// Stops sending. With <paramref name="flush"/> the acknowledgements already released from the
    /// head are sent first (a clean disconnect); without it an in-flight send is cancelled (the
    /// connection is gone). Returns once no send of this queue can happen any more.
    /// </summary>
    public async Task CloseAsync(bool flush)
    {
        if (flush)
        {
            while (true)
            {
                Task pump;
                lock (_gate)
                {
                    if (!_pumping)
                    {
                        break;
                    }

                    pump = _pump;
                }

                await pump.ConfigureAwait(false);
            }
        }

        Task last;
        lock (_gate)
        {
            _closed = true;
            WakeRoomWaiter();
            NeverSent(_pending);
            last = _pump;
        }

        await _closing.CancelAsync().ConfigureAwait(false);
        await last.ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        var run = new List<PendingAcknowledgement>();
        while (true)
        {
            lock (_gate)
            {
                while (!_closed && _pending.TryPeek(out var head) && head.Acknowledged)
                {
                    run.Add(_pending.Dequeue());
                }

                if (run.Count == 0)
                {
                    _pumping = false;
                    return;
                }
            }

            foreach (var entry in run)
            {
                try
                {
                    await send(entry, _closing.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // What was not acknowledged comes again on the next connection.
                    lock (_gate)
                    {
                        _closed = true;
                        _pumping = false;
                        WakeRoomWaiter();
                        NeverSent(run);
                        NeverSent(_pending);
                    }

                    failed?.Invoke(e);
                    return;
                }
            }

            lock (_gate)
            {
                foreach (var entry in run)
                {
                    entry.Sent = true;
                    entry.SentWaiter?.TrySetResult(true);
                }

                _held -= run.Count;
                if (_roomWaiter is not null && _held < _roomLimit)
                {
                    WakeRoomWaiter();
                }
            }

            run.Clear();
        }
    }

    private static void NeverSent(IEnumerable<PendingAcknowledgement> entries)
    {
        foreach (var entry in entries)
        {
            entry.SentWaiter?.TrySetResult(false);
        }
    }

    private void WakeRoomWaiter()
    {
        _roomWaiter?.TrySetResult();
        _roomWaiter = null;
    }
}
