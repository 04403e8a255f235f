namespace WebKita.Silo.Runtime;

/// <summary>
/// A mailbox that decides the next batch while the previous one commits. Decisions stay one at a
/// time and in order; only the database's work overlaps with the grain's. The next batch is
/// decided on the state the previous batch will have once committed (speculation); its commit is
/// issued only after the previous commit succeeded, so every commit names a version its own
/// predecessor wrote. If a commit fails, the batch decided on it is thrown away and decided
/// again on fresh state; the failed batch is retried (stale write), retried one request at a
/// time (a failure that may be one request's, see <see cref="BatchFailure"/>) or failed (store down).
/// Replies leave only after their own commit, as with <see cref="Mailbox{TRequest,TReply}"/>.
/// </summary>
public sealed class PipelinedMailbox<TRequest, TReply, TDecided> : IAsyncDisposable
{
    private readonly RequestQueue<TRequest, TReply> _queue;
    private readonly IPipelinedGrain<TRequest, TReply, TDecided> _grain;
    private readonly int _maxBatch;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public PipelinedMailbox(IPipelinedGrain<TRequest, TReply, TDecided> grain, int maxBatch, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _grain = grain;
        _maxBatch = maxBatch;
        _queue = new RequestQueue<TRequest, TReply>(capacity);
        _loop = Task.Run(DrainAsync);
    }

    /// <inheritdoc cref="RequestQueue{TRequest,TReply}.PostAsync"/>
    public Task<TReply> PostAsync(TRequest request, CancellationToken cancellationToken) => _queue.PostAsync(request, cancellationToken);

    private async Task DrainAsync()
    {
        var stopping = _stopping.Token;
        Pending? committing = null;
        Task<bool>? arrival = null;
        try
        {
            while (true)
            {
                arrival ??= _queue.WaitAsync(stopping);
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

                var batch = _queue.Take(_maxBatch);
                var decided = await TryDecideAsync(batch, stopping);
                if (committing is not null && !await SettleAsync(committing, stopping) && decided is not null)
                {
                    // This batch was decided on a state that never came to be.
                    decided = await TryDecideAsync(batch, stopping);
                }

                committing = decided is { } ready ? new Pending(batch, CommitAsync(batch, ready.Value, stopping)) : null;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        if (committing is not null)
        {
            await SettleAsync(committing, CancellationToken.None);
        }

        _queue.FailRemaining();
    }

    private async Task<(TDecided Value, bool)?> TryDecideAsync(RequestBatch<TRequest, TReply> batch, CancellationToken stopping)
    {
        try
        {
            return (await _grain.DecideAsync(batch.Requests, stopping), true);
        }
        catch (Exception e)
        {
            _grain.Forget();
            batch.Fail(e);
            return null;
        }
    }

    /// <summary>Commits a decided batch and replies to it, unless the grain moved on (stale) or the store failed.</summary>
    private async Task<CommitOutcome> CommitAsync(RequestBatch<TRequest, TReply> batch, TDecided decided, CancellationToken stopping)
    {
        try
        {
            batch.Reply(await _grain.CommitAsync(decided, stopping));
            return CommitOutcome.Committed;
        }
        catch (Storage.StaleWriteException)
        {
            return CommitOutcome.Stale;
        }
        catch (Exception e) when (batch.Count > 1 && BatchFailure.MayBeOneRequests(e))
        {
            return CommitOutcome.Refused;
        }
        catch (Exception e)
        {
            batch.Fail(e);
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
            await DecideAndCommitAsync(pending.Batch, stopping);
        }
        else if (outcome == CommitOutcome.Refused)
        {
            // One request may have made the whole transaction fail: each alone, so only it fails.
            foreach (var single in pending.Batch.Singles())
            {
                await DecideAndCommitAsync(single, stopping);
            }
        }

        return false;
    }

    private async Task DecideAndCommitAsync(RequestBatch<TRequest, TReply> batch, CancellationToken stopping)
    {
        try
        {
            batch.Reply(await _grain.DecideAndCommitAsync(batch.Requests, stopping));
        }
        catch (Exception e)
        {
            _grain.Forget();
            batch.Fail(e);
        }
    }

    private enum CommitOutcome
    {
        Committed,
        Stale,

        /// <summary>Failed for a reason other than the store: perhaps one request's, so the batch is retried one by one.</summary>
        Refused,
        Failed,
    }

    private sealed record Pending(RequestBatch<TRequest, TReply> Batch, Task<CommitOutcome> Commit);

    public async ValueTask DisposeAsync()
    {
        _queue.Complete();
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }
}
