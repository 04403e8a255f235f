namespace WebKita.Silo.Runtime;

/// <summary>
/// A grain whose turn splits into deciding (pure, on cached state) and committing, so that
/// <see cref="PipelinedMailbox{TRequest,TReply,TDecided}"/> can overlap the two. Called by one
/// mailbox loop only; implementations need no locking of their own beyond what that implies:
/// <see cref="DecideAsync"/> may run while the previous batch's <see cref="CommitAsync"/> is in
/// flight, so commit must not touch the state decide reads.
/// </summary>
public interface IPipelinedGrain<TRequest, TReply, TDecided>
{
    /// <summary>Decides a batch on the current state, which then counts as the batch's outcome (speculatively).</summary>
    Task<TDecided> DecideAsync(IReadOnlyList<TRequest> batch, CancellationToken cancellationToken);

    /// <summary>Makes a decided batch durable and returns its replies; throws StaleWriteException if the grain moved on.</summary>
    Task<IReadOnlyList<TReply>> CommitAsync(TDecided decided, CancellationToken cancellationToken);

    /// <summary>Decides and commits on fresh state, retrying stale writes: the way back after a failed speculation.</summary>
    Task<IReadOnlyList<TReply>> DecideAndCommitAsync(IReadOnlyList<TRequest> batch, CancellationToken cancellationToken);

    /// <summary>Drops cached and speculative state; the next decision reads the store.</summary>
    void Forget();
}
