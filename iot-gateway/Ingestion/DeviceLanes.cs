namespace WebKita.IotGateway.Ingestion;

/// <summary>
/// Handles each device's messages one run after another, in arrival order, and different devices'
/// messages at the same time, so a slow device never holds up another. A run is everything of the
/// device that queued while its previous run was in hand: the domain decides a run in one turn and
/// writes the device once, so a busy device costs less per message instead of falling behind. At
/// most <c>capacity</c> messages are in hand at once: <see cref="EnqueueAsync"/> waits for room,
/// which stops the caller from reading more from the broker. <c>handle</c> must not throw.
/// Thread-safe for one enqueuing caller.
/// </summary>
internal sealed class DeviceLanes<T>(int capacity, Func<IReadOnlyList<T>, Task> handle)
{
    private readonly Dictionary<string, List<T>> _waiting = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _room = new(capacity, capacity);
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _active;
    private bool _completing;

    public async Task EnqueueAsync(string deviceId, T message, CancellationToken cancellationToken)
    {
        await _room.WaitAsync(cancellationToken);
        lock (_gate)
        {
            if (_waiting.TryGetValue(deviceId, out var queue))
            {
                // The device's drain is running; it takes this one with the next run.
                queue.Add(message);
                return;
            }

            _waiting[deviceId] = [];
            _active++;
        }

        _ = Task.Run(() => DrainAsync(deviceId, [message]), CancellationToken.None);
    }

    /// <summary>Completes once everything handed in is handled. Call after the last <see cref="EnqueueAsync"/>.</summary>
    public Task DrainedAsync()
    {
        lock (_gate)
        {
            _completing = true;
            if (_active == 0)
            {
                _drained.TrySetResult();
            }
        }

        return _drained.Task;
    }

    private async Task DrainAsync(string deviceId, List<T> first)
    {
        var run = first;
        while (true)
        {
            await handle(run);

            _room.Release(run.Count);
            lock (_gate)
            {
                var queue = _waiting[deviceId];
                if (queue.Count == 0)
                {
                    _waiting.Remove(deviceId);
                    if (--_active == 0 && _completing)
                    {
                        _drained.TrySetResult();
                    }

                    return;
                }

                run = queue;
                _waiting[deviceId] = [];
            }
        }
    }
}
