using System.Threading.Channels;

namespace WebKita.Silo.Runtime;

/// <summary>
/// One turn at a time per grain. Requests queue here; a single loop drains everything queued (up
/// to <c>maxBatch</c>) and hands it to one turn, which commits it in one transaction: group
/// commit, so a hot grain's throughput is bounded by transactions per second times batch size,
/// not by transactions alone. Replies are released only after the turn returns, that is after
/// its commit. The queue is bounded; when full, callers are refused at once rather than left to
/// time out.
/// </summary>
public sealed class Mailbox<TRequest, TReply> : IAsyncDisposable
{
    private readonly Channel<(TRequest Request, TaskCompletionSource<TReply> Reply)> _queue;
    private readonly Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TReply>>> _turn;
    private readonly int _maxBatch;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public Mailbox(Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TReply>>> turn, int maxBatch, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _turn = turn;
        _maxBatch = maxBatch;
        _queue = Channel.CreateBounded<(TRequest, TaskCompletionSource<TReply>)>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Run(DrainAsync);
    }

    /// <summary>
    /// Queues a request. Cancelling stops the wait, not the request: once queued it is decided,
    /// and a retry with the same idempotency key finds the result.
    /// </summary>
    public Task<TReply> PostAsync(TRequest request, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<TReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((request, reply)))
        {
            throw new SiloOverloadedException("The grain's queue is full; try again shortly.");
        }

        return reply.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        var batch = new List<(TRequest Request, TaskCompletionSource<TReply> Reply)>(_maxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token))
            {
                while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                try
                {
                    var replies = await _turn([.. batch.Select(b => b.Request)], _stopping.Token);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Reply.TrySetResult(replies[i]);
                    }
                }
                catch (Exception e)
                {
                    foreach (var (_, reply) in batch)
                    {
                        reply.TrySetException(e);
                    }
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }

        while (_queue.Reader.TryRead(out var left))
        {
            left.Reply.TrySetException(new ObjectDisposedException(nameof(Mailbox<TRequest, TReply>), "The silo is shutting down."));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }
}
