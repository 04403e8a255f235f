using System.Threading.Channels;

namespace WebKita.Silo.Runtime;

/// <summary>
/// A mailbox that decides the next batch while the previous one commits. Decisions stay one at a
/// time and in order; only the database's work overlaps with the grain's. The next batch is
/// decided on the state the previous batch will have once committed (speculation); its commit is
/// issued only after the previous commit succeeded, so every commit names a version its own
/// predecessor wrote. If a commit fails, the batch decided on it is thrown away and decided
/// again on fresh state; the failed batch is retried (stale write) or failed (store down).
/// Replies leave only after their own commit, as with <see cref="Mailbox{TRequest,TReply}"/>.
/// </summary>
public sealed class PipelinedMailbox<TRequest, TReply, TDecided> : IAsyncDisposable
{
    private readonly Channel<(TRequest Request, TaskCompletionSource<TReply> Reply)> _queue;
    private readonly IPipelinedGrain<TRequest, TReply, TDecided> _grain;
    private readonly int _maxBatch;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public PipelinedMailbox(IPipelinedGrain<TRequest, TReply, TDecided> grain, int maxBatch, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _grain = grain;
        _maxBatch = maxBatch;
        _queue = Channel.CreateBounded<(TRequest, TaskCompletionSource<TReply>)>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Run(DrainAsync);
    }

    /// <summary>Queues a request; as with <see cref="Mailbox{TRequest,TReply}.PostAsync"/>, cancelling stops the wait only.</summary>
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
        var stopping = _stopping.Token;
        Pending? committing = null;
        Task<bool>? arrival = null;
        try
        {
            while (true)
            {
                arrival ??= _queue.Reader.WaitToReadAsync(stopping).AsTask();
                if (committing is not null && !arrival.IsCompleted)
                {
                    // Nothing to overlap with yet: settle the commit if it ends before work arrives,
                    // so a failed commit is retried even when no further request comes.
                    await Task.WhenAny(arrival, committing.Commit);
                    if (!arrival.IsCompleted)
                    {
                        await SettleAsync(committing, stopping);
                        committing = null;
                        continue;
                    }
                }

                if (!await arrival)
                {
                    break;
                }

                arrival = null;

                var batch = new List<(TRequest Request, TaskCompletionSource<TReply> Reply)>(_maxBatch);
                while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                var requests = batch.Select(b => b.Request).ToList();
                var decided = await TryDecideAsync(batch, requests, stopping);
                if (committing is not null && !await SettleAsync(committing, stopping) && decided is not null)
                {
                    // This batch was decided on a state that never came to be.
                    decided = await TryDecideAsync(batch, requests, stopping);
                }

                committing = decided is { } ready ? new Pending(batch, requests, CommitAsync(batch, ready.Value, stopping)) : null;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        if (committing is not null)
        {
            await SettleAsync(committing, CancellationToken.None);
        }

        while (_queue.Reader.TryRead(out var left))
        {
            left.Reply.TrySetException(new ObjectDisposedException(nameof(PipelinedMailbox<TRequest, TReply, TDecided>), "The silo is shutting down."));
        }
    }

    private async Task<(TDecided Value, bool)?> TryDecideAsync(
        List<(TRequest Request, TaskCompletionSource<TReply> Reply)> batch, List<TRequest> requests, CancellationToken stopping)
    {
        try
        {
            return (await _grain.DecideAsync(requests, stopping), true);
        }
        catch (Exception e)
        {
            _grain.Forget();
            Fail(batch, e);
            return null;
        }
    }

    /// <summary>Commits a decided batch and replies to it, unless the grain moved on (stale) or the store failed.</summary>
    private async Task<CommitOutcome> CommitAsync(List<(TRequest Request, TaskCompletionSource<TReply> Reply)> batch, TDecided decided, CancellationToken stopping)
    {
        try
        {
            Reply(batch, await _grain.CommitAsync(decided, stopping));
            return CommitOutcome.Committed;
        }
        catch (Storage.StaleWriteException)
        {
            return CommitOutcome.Stale;
        }
        catch (Exception e)
        {
            Fail(batch, e);
            return CommitOutcome.Failed;
        }
    }

    /// <summary>
    /// Waits for a commit; after a failure drops the speculative state and, for a stale write,
    /// decides that batch again on fresh state. True when the state decided on is now durable.
    /// Runs on the loop only, so it never races a decision.
    /// </summary>
    private async Task<bool> SettleAsync(Pending pending, CancellationToken stopping)
    {
        var outcome = await pending.Commit;
        if (outcome == CommitOutcome.Committed)
        {
            return true;
        }

        _grain.Forget();
        if (outcome == CommitOutcome.Stale)
        {
            try
            {
                Reply(pending.Batch, await _grain.DecideAndCommitAsync(pending.Requests, stopping));
            }
            catch (Exception e)
            {
                _grain.Forget();
                Fail(pending.Batch, e);
            }
        }

        return false;
    }

    private enum CommitOutcome
    {
        Committed,
        Stale,
        Failed,
    }

    private sealed record Pending(
        List<(TRequest Request, TaskCompletionSource<TReply> Reply)> Batch, List<TRequest> Requests, Task<CommitOutcome> Commit);

    private static void Reply(List<(TRequest Request, TaskCompletionSource<TReply> Reply)> batch, IReadOnlyList<TReply> replies)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Reply.TrySetResult(replies[i]);
        }
    }

    private static void Fail(List<(TRequest Request, TaskCompletionSource<TReply> Reply)> batch, Exception e)
    {
        foreach (var (_, reply) in batch)
        {
            reply.TrySetException(e);
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
