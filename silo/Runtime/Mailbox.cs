namespace WebKita.Silo.Runtime;

/// <summary>
/// One turn at a time per grain. Requests queue here; a single loop drains everything queued (up
/// to <c>maxBatch</c>) and hands it to one turn, which commits it in one transaction: group
/// commit, so a hot grain's throughput is bounded by transactions per second times batch size,
/// not by transactions alone. Replies are released only after the turn returns, that is after
/// its commit.
/// </summary>
public sealed class Mailbox<TRequest, TReply> : IAsyncDisposable
{
    private readonly RequestQueue<TRequest, TReply> _queue;
    private readonly Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TReply>>> _turn;
    private readonly int _maxBatch;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public Mailbox(Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TReply>>> turn, int maxBatch, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _turn = turn;
        _maxBatch = maxBatch;
        _queue = new RequestQueue<TRequest, TReply>(capacity);
        _loop = Task.Run(DrainAsync);
    }

    /// <inheritdoc cref="RequestQueue{TRequest,TReply}.PostAsync"/>
    public Task<TReply> PostAsync(TRequest request, CancellationToken cancellationToken) => _queue.PostAsync(request, cancellationToken);

    private async Task DrainAsync()
    {
        try
        {
            while (await _queue.WaitAsync(_stopping.Token))
            {
                var batch = _queue.Take(_maxBatch);
                try
                {
                    batch.Reply(await _turn(batch.Requests, _stopping.Token));
                }
                catch (Exception e) when (batch.Count > 1 && BatchFailure.MayBeOneRequests(e))
                {
                    await TurnOneByOneAsync(batch);
                }
                catch (Exception e)
                {
                    batch.Fail(e);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }

        _queue.FailRemaining();
    }

    /// <summary>After a failed group commit: each request in its own turn, so a bad one fails only its own caller.</summary>
    private async Task TurnOneByOneAsync(RequestBatch<TRequest, TReply> batch)
    {
        foreach (var single in batch.Singles())
        {
            try
            {
                single.Reply(await _turn(single.Requests, _stopping.Token));
            }
            catch (Exception e)
            {
                single.Fail(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Complete();
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }
}
