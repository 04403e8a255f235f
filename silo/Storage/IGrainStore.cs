namespace WebKita.Silo.Storage;

/// <summary>
/// Where grains, reminders and the outbox live: PostgreSQL in production, SQLite as the embedded
/// default. One contract test suite runs against both. Thread-safe; every method may throw
/// <see cref="StoreUnavailableException"/>.
/// </summary>
public interface IGrainStore
{
    /// <summary>Creates the schema if missing. Idempotent; safe while other processes run it too.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    Task<bool> IsReachableAsync(CancellationToken cancellationToken);

    Task<StoredGrain?> ReadAsync(GrainKey key, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredGrain>> ReadManyAsync(string tenant, string kind, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    Task<StoredGrain?> ReadByAliasAsync(string tenant, string kind, string alias, CancellationToken cancellationToken);

    /// <summary>The grains that carry any of <paramref name="aliases"/>, by alias; aliases nobody carries are absent.</summary>
    Task<IReadOnlyDictionary<string, StoredGrain>> ReadManyByAliasAsync(string tenant, string kind, IReadOnlyCollection<string> aliases, CancellationToken cancellationToken);

    /// <summary>Grains of a kind in a tenant, optionally only those under one parent.</summary>
    Task<IReadOnlyList<StoredGrain>> ListAsync(string tenant, string kind, Guid? parent, CancellationToken cancellationToken);

    /// <summary>The message id chunks of the given grains (see <see cref="MessageIdChunk"/>), in no particular order.</summary>
    Task<IReadOnlyList<MessageIdChunk>> ReadMessageIdsAsync(string tenant, string kind, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>Commits all or nothing; throws <see cref="StaleWriteException"/> if any write's version is stale.</summary>
    Task CommitAsync(ChangeSet changes, CancellationToken cancellationToken);

    /// <summary>
    /// Claims reminders due at <paramref name="now"/> for <paramref name="lease"/> in the name of
    /// <paramref name="claimant"/>, so that of several processes only one fires each. An unfired
    /// claim lapses and another process takes it; a claim of a process in
    /// <see cref="Claimant.Dead"/> is taken at once.
    /// </summary>
    Task<IReadOnlyList<Reminder>> ClaimDueRemindersAsync(DateTimeOffset now, TimeSpan lease, int max, Claimant claimant, CancellationToken cancellationToken);

    /// <summary>
    /// Shortens the claim of a firing that failed to <paramref name="at"/>, so it is claimed again
    /// then instead of when its lease lapses. Touches only that firing: a reminder moved (another
    /// due time), fired or deleted meanwhile is left alone, and a claim is only ever shortened,
    /// never extended or created. Idempotent.
    /// </summary>
    Task RetryReminderAsync(Reminder reminder, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<Reminder>> ListRemindersAsync(GrainKey grain, CancellationToken cancellationToken);

    /// <summary>
    /// Claims undispatched events in sequence order for <paramref name="lease"/> (at-least-once
    /// delivery) in the name of <paramref name="claimant"/>; claims of a process in
    /// <see cref="Claimant.Dead"/> are taken at once.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> ClaimOutboxAsync(DateTimeOffset now, TimeSpan lease, int max, Claimant claimant, CancellationToken cancellationToken);

    /// <summary>
    /// From now on, events this store commits are leased as <paramref name="lease"/> says at each
    /// commit; null: committed unclaimed, for any dispatcher to claim. The dispatcher of this
    /// process sets it while it runs.
    /// </summary>
    void LeaseCommittedEvents(Func<OutboxLease>? lease);

    /// <summary>Undispatched events committed leased to <paramref name="claimant"/> whose lease runs past <paramref name="now"/>, in sequence order.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadLeasedOutboxAsync(string claimant, DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Hands events whose delivery failed back, free for any dispatcher to claim once
    /// <paramref name="until"/> has passed (the retry's delay). Only undispatched events are touched.
    /// </summary>
    Task DeferOutboxAsync(IReadOnlyCollection<long> sequences, DateTimeOffset until, CancellationToken cancellationToken);

    Task MarkDispatchedAsync(IReadOnlyCollection<long> sequences, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Hands back every undispatched event leased or claimed by <paramref name="claimant"/>, free
    /// for any dispatcher at once (a dispatcher that stops). Idempotent.
    /// </summary>
    Task ReleaseOutboxAsync(string claimant, CancellationToken cancellationToken);

    /// <summary>The audit log of a tenant, newest first, at most <paramref name="max"/> entries before <paramref name="before"/> (a sequence).</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string tenant, long? before, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Events of a tenant whose type starts with <paramref name="typePrefix"/> and whose sequence is
    /// above <paramref name="after"/>, in sequence order, dispatched or not (live streams that
    /// resume from a Last-Event-ID). Sequences are handed out before commit, so a reader can see a
    /// later one before an earlier one commits; readers that must not miss events look back.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> ReadOutboxAfterAsync(string tenant, string typePrefix, long after, int max, CancellationToken cancellationToken);

    /// <summary>The highest outbox sequence handed out so far, 0 if none.</summary>
    Task<long> LastOutboxSequenceAsync(CancellationToken cancellationToken);

    /// <summary>Events of one grain in sequence order, dispatched or not: for tests and diagnostics, a scan of the outbox.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadEventsAsync(string tenant, Guid grainId, CancellationToken cancellationToken);

    /// <summary>Appends a dead letter (capped payload, reason) for the admins of its tenant.</summary>
    Task AddDeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken);

    /// <summary>Dead letters of a tenant, newest first, at most <paramref name="max"/> before <paramref name="before"/> (a sequence).</summary>
    Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(string tenant, long? before, int max, CancellationToken cancellationToken);
}
