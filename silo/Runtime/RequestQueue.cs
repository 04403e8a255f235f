using System.Threading.Channels;

namespace WebKita.Silo.Runtime;

/// <summary>
/// The queue in front of a grain: bounded, so that when it is full callers are refused at once
/// rather than left to time out, and drained in batches by a single loop.
/// </summary>
internal sealed class RequestQueue<TRequest, TReply>
{
    private readonly Channel<(TRequest Request, TaskCompletionSource<TReply> Reply)> _channel;

    public RequestQueue(int capacity) =>
        _channel = Channel.CreateBounded<(TRequest, TaskCompletionSource<TReply>)>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>
    /// Queues a request. Cancelling stops the wait, not the request: once queued it is decided,
    /// and a retry with the same idempotency key finds the result.
    /// </summary>
    public Task<TReply> PostAsync(TRequest request, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<TReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_channel.Writer.TryWrite((request, reply)))
        {
            throw new SiloOverloadedException("The grain's queue is full; try again shortly.");
        }

        return reply.Task.WaitAsync(cancellationToken);
    }

    public Task<bool> WaitAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken).AsTask();

    /// <summary>Everything queued, in posting order, up to <paramref name="max"/>.</summary>
    public RequestBatch<TRequest, TReply> Take(int max)
    {
        var batch = new List<(TRequest, TaskCompletionSource<TReply>)>(Math.Min(max, 256));
        while (batch.Count < max && _channel.Reader.TryRead(out var item))
        {
            batch.Add(item);
        }

        return new RequestBatch<TRequest, TReply>(batch);
    }

    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>At shutdown: whatever was never taken is failed, not left hanging.</summary>
    public void FailRemaining()
    {
        while (_channel.Reader.TryRead(out var left))
        {
            left.Reply.TrySetException(new ObjectDisposedException("mailbox", "The silo is shutting down."));
        }
    }
}
