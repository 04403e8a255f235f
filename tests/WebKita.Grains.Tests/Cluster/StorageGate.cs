namespace WebKita.Grains.Tests.Cluster;

/// <summary>
/// A gate before the grain storage's writes, shared by every silo of a test cluster: a test closes
/// it to hold writes in flight (no sleeps), opens it, or fails the held writes (the one fault a
/// test cannot cause for real).
/// </summary>
public sealed class StorageGate
{
    private readonly object _lock = new();
    private TaskCompletionSource _gate = Opened();
    private int _held;
    private int _writes;

    /// <summary>Writes that reached the real storage.</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>Writes waiting at the gate now.</summary>
    public int Held => Volatile.Read(ref _held);

    public void Close()
    {
        lock (_lock)
        {
            if (_gate.Task.IsCompleted)
            {
                _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Open()
    {
        lock (_lock)
        {
            _gate.TrySetResult();
        }
    }

    /// <summary>Fails the writes waiting at the gate and opens it for later ones.</summary>
    public void FailHeldWrites(Exception fault)
    {
        lock (_lock)
        {
            _gate.TrySetException(fault);
            _gate = Opened();
        }
    }

    public async Task PassAsync(Func<Task> write)
    {
        Task gate;
        lock (_lock)
        {
            gate = _gate.Task;
        }

        Interlocked.Increment(ref _held);
        try
        {
            await gate;
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }

        await write();
        Interlocked.Increment(ref _writes);
    }

    private static TaskCompletionSource Opened()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
