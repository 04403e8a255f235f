namespace WebKita.Grains.Common;

/// <summary>
/// Many decisions per write for a hot <c>[Reentrant]</c> grain. Each call is decided at once, on
/// the live state and without an await between reading and replacing it; one write is in flight
/// at a time, and decisions made meanwhile are folded into the next write. A caller is answered
/// only after the write that holds its decision, and a decision that changed nothing (a refusal)
/// after the write of everything decided before it, since it may rest on those decisions.
/// <para>
/// A failed write, an ETag conflict included, fails every decision not yet durable, refuses every
/// later call of this activation and deactivates it: the next activation reloads what is stored.
/// A timed-out caller's decision may still have been written, so calls must be idempotent.
/// </para>
/// <para>
/// <typeparamref name="TState"/> must be immutable (decisions return a new value): the write reads
/// the storage state when it runs, and a value changed in place by a later
/// decision would be written, but not yet answered, which is safe; one changed by a decision that
/// is later failed would not be. Not thread-safe: call it from the grain's turns only, which
/// Orleans never runs in parallel even when they interleave.
/// </para>
/// </summary>
public sealed class GroupCommit<TState>(IPersistentState<TState> storage, Action deactivate)
    where TState : class
{
    private Batch? _writing;
    private Batch? _next;
    private Exception? _failure;

    /// <summary>The live state: every decision so far, durable or not.</summary>
    public TState State => storage.State;

    /// <summary>How many writes this activation has issued (for tests and figures).</summary>
    public int Writes { get; private set; }

    /// <summary>
    /// Decides with <paramref name="decide"/> on the live state and answers after the write that
    /// holds the decision. Throws what the write threw when it fails, and
    /// <see cref="GroupCommitFailedException"/> for calls after that.
    /// </summary>
    public Task<TAnswer> DecideAsync<TAnswer>(Func<TState, (TState State, TAnswer Answer)> decide)
    {
        if (_failure is not null)
        {
            return Task.FromException<TAnswer>(new GroupCommitFailedException(_failure));
        }

        var (next, answer) = decide(storage.State);
        Batch? holder;
        if (ReferenceEquals(next, storage.State))
        {
            holder = _next ?? _writing;
            if (holder is null)
            {
                return Task.FromResult(answer);
            }
        }
        else
        {
            storage.State = next;
            holder = _next ??= new Batch();
            if (_writing is null)
            {
                StartWrite();
            }
        }

        return holder.AnswerAfterAsync(answer);
    }

    private void StartWrite()
    {
        _writing = _next;
        _next = null;
        Writes++;
        _ = WriteAsync(_writing!);
    }

    private async Task WriteAsync(Batch batch)
    {
        try
        {
            await storage.WriteStateAsync();
        }
        catch (Exception exception)
        {
            _failure = exception;
            _writing = null;
            batch.Fail(exception);
            _next?.Fail(exception);
            _next = null;
            deactivate();
            return;
        }

        _writing = null;
        batch.Complete();
        if (_next is not null)
        {
            StartWrite();
        }
    }

    /// <summary>The decisions one write holds.</summary>
    private sealed class Batch
    {
        // Callers resume on the grain's scheduler anyway; asynchronously, so that completing a batch
        // never runs a caller's continuation inside WriteAsync.
        private readonly TaskCompletionSource _durable = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<TAnswer> AnswerAfterAsync<TAnswer>(TAnswer answer)
        {
            await _durable.Task;
            return answer;
        }

        public void Complete() => _durable.TrySetResult();

        public void Fail(Exception exception) => _durable.TrySetException(exception);
    }
}
