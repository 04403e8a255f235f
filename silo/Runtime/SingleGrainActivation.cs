using WebKita.Grains.Common;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Runtime;

/// <summary>
/// An activation for a grain whose decisions touch only itself (a school). Each decision is a pure
/// function from the current state (null before creation) to the new one or a refusal.
/// </summary>
public sealed class SingleGrainActivation<TState> : IAsyncDisposable
    where TState : class
{
    private readonly IGrainStore _store;
    private readonly GrainKey _key;
    private readonly Func<TState, Guid?> _parentOf;
    private readonly TimeProvider _time;
    private readonly Mailbox<Request, Outcome<TState>> _mailbox;
    private (long Version, TState? State)? _cached;

    public SingleGrainActivation(IGrainStore store, GrainKey key, Func<TState, Guid?> parentOf, SiloOptions options, TimeProvider time)
    {
        _store = store;
        _key = key;
        _parentOf = parentOf;
        _time = time;
        _mailbox = new(TurnAsync, options.MaxBatch, options.MailboxCapacity);
    }

    /// <param name="audit">For a staff or admin request: recorded, in the same transaction, if the decision changes the grain.</param>
    public Task<Outcome<TState>> SendAsync(Func<TState?, Outcome<TState>> decide, CancellationToken cancellationToken, AuditedAction? audit = null) =>
        _mailbox.PostAsync(new Request(decide, audit), cancellationToken);

    private Task<IReadOnlyList<Outcome<TState>>> TurnAsync(IReadOnlyList<Request> requests, CancellationToken cancellationToken) =>
        StaleRetry.RunAsync(() => DecideAndCommitAsync(requests, cancellationToken), () => _cached = null);

    private async Task<IReadOnlyList<Outcome<TState>>> DecideAndCommitAsync(IReadOnlyList<Request> requests, CancellationToken cancellationToken)
    {
        var (version, started) = _cached ?? await LoadAsync(cancellationToken);
        var state = started;
        var outcomes = new List<Outcome<TState>>(requests.Count);
        var audit = new List<AuditEntry>();
        foreach (var (decide, action) in requests)
        {
            var outcome = decide(state);
            if (outcome.Value is { } changed && !ReferenceEquals(changed, state) && action is { By.IsAudited: true })
            {
                audit.Add(new AuditEntry(
                    _key.Tenant, action.By.AccountId, action.By.Role.ToString(), action.Action, _key.Kind, _key.Id, action.Reason, _time.GetUtcNow(), "{}"));
            }

            state = outcome.Value ?? state;
            outcomes.Add(outcome);
        }

        if (!ReferenceEquals(state, started))
        {
            var write = new GrainWrite(_key, version, GrainJson.Serialize(state), _parentOf(state!));
            await _store.CommitAsync(new ChangeSet([write], [], [], [], audit), cancellationToken);
            version++;
        }
        else if (((await _store.ReadAsync(_key, cancellationToken))?.Version ?? 0) != version)
        {
            // Refusals were decided on a cached state another process has since replaced;
            // decide again on the current one.
            throw new StaleWriteException(_key, version);
        }

        _cached = (version, state);
        return outcomes;
    }

    private async Task<(long, TState?)> LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await _store.ReadAsync(_key, cancellationToken);
        return stored is null ? (0, null) : (stored.Version, GrainJson.Deserialize<TState>(stored.State));
    }

    public ValueTask DisposeAsync() => _mailbox.DisposeAsync();

    private sealed record Request(Func<TState?, Outcome<TState>> Decide, AuditedAction? Audit);
}
