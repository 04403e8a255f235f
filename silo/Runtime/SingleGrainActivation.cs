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
    private readonly Mailbox<Func<TState?, Outcome<TState>>, Outcome<TState>> _mailbox;
    private (long Version, TState? State)? _cached;

    public SingleGrainActivation(IGrainStore store, GrainKey key, Func<TState, Guid?> parentOf, SiloOptions options)
    {
        _store = store;
        _key = key;
        _parentOf = parentOf;
        _mailbox = new(TurnAsync, options.MaxBatch, options.MailboxCapacity);
    }

    public Task<Outcome<TState>> SendAsync(Func<TState?, Outcome<TState>> decide, CancellationToken cancellationToken) =>
        _mailbox.PostAsync(decide, cancellationToken);

    private Task<IReadOnlyList<Outcome<TState>>> TurnAsync(IReadOnlyList<Func<TState?, Outcome<TState>>> decisions, CancellationToken cancellationToken) =>
        StaleRetry.RunAsync(() => DecideAndCommitAsync(decisions, cancellationToken), () => _cached = null);

    private async Task<IReadOnlyList<Outcome<TState>>> DecideAndCommitAsync(IReadOnlyList<Func<TState?, Outcome<TState>>> decisions, CancellationToken cancellationToken)
    {
        var (version, started) = _cached ?? await LoadAsync(cancellationToken);
        var state = started;
        var outcomes = new List<Outcome<TState>>(decisions.Count);
        foreach (var decide in decisions)
        {
            var outcome = decide(state);
            state = outcome.Value ?? state;
            outcomes.Add(outcome);
        }

        if (!ReferenceEquals(state, started))
        {
            var write = new GrainWrite(_key, version, GrainJson.Serialize(state), _parentOf(state!));
            await _store.CommitAsync(new ChangeSet([write], [], [], []), cancellationToken);
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
}
