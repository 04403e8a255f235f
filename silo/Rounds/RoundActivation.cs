using WebKita.Grains.Allocation;
using WebKita.Grains.Common;
using WebKita.Grains.Rounds;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Rounds;

/// <summary>
/// A round living in this process: one turn at a time with group commit. The round's state is
/// cached between turns; applications are read per turn (families and staff act on them at a
/// human pace, the run reads them all anyway). A stale commit drops the cache and decides the
/// turn again on fresh state.
/// </summary>
internal sealed class RoundActivation : IAsyncDisposable
{
    private readonly IGrainStore _store;
    private readonly TimeProvider _time;
    private readonly TenantId _tenant;
    private readonly Guid _id;
    private readonly Func<TenantId, CancellationToken, Task<StatuteRules?>> _rules;
    private readonly Mailbox<RoundCommand, RoundReply> _mailbox;
    private (StoredRound? Round, bool Loaded) _cached;

    public RoundActivation(
        IGrainStore store, TimeProvider time, TenantId tenant, Guid id, Func<TenantId, CancellationToken, Task<StatuteRules?>> rules, SiloOptions options)
    {
        _store = store;
        _time = time;
        _tenant = tenant;
        _id = id;
        _rules = rules;
        _mailbox = new(TurnAsync, options.MaxBatch, options.MailboxCapacity);
    }

    public Task<RoundReply> SendAsync(RoundCommand command, CancellationToken cancellationToken) => _mailbox.PostAsync(command, cancellationToken);

    private Task<IReadOnlyList<RoundReply>> TurnAsync(IReadOnlyList<RoundCommand> commands, CancellationToken cancellationToken) =>
        StaleRetry.RunAsync(() => DecideAndCommitAsync(commands, cancellationToken), () => _cached = default);

    private async Task<IReadOnlyList<RoundReply>> DecideAndCommitAsync(IReadOnlyList<RoundCommand> commands, CancellationToken cancellationToken)
    {
        var stored = _cached.Loaded ? _cached.Round : await RoundRows.ReadAsync(_store, _tenant, _id, cancellationToken);
        var started = stored?.Round;
        var turn = new RoundTurn(_store, _tenant, _id, stored, _time.GetUtcNow());
        var rules = commands.Any(c => c is RunAllocation) ? await _rules(_tenant, cancellationToken) : null;
        await turn.PreloadAsync([.. commands.OfType<SubmitRankedApplication>().Select(s => RankedApplication.IdFor(_tenant, _id, s.Form.Child))], cancellationToken);

        var outcomes = new List<(Refusal? Refusal, Guid? ApplicationId, bool Created)>(commands.Count);
        foreach (var command in commands)
        {
            var before = (turn.Round, turn.Puts);
            var outcome = await RoundDecisions.DecideAsync(turn, _tenant, _id, command, rules, cancellationToken);
            if (outcome.Refusal is null && before != (turn.Round, turn.Puts) && command.By is { IsAudited: true } actor)
            {
                turn.Audit.Add(new AuditEntry(
                    _tenant.Value, actor.AccountId, actor.Role.ToString(), command.GetType().Name,
                    outcome.ApplicationId is null ? GrainKinds.Round : GrainKinds.RankedApplication, outcome.ApplicationId ?? _id,
                    command.Reason, turn.Now, GrainJson.Serialize(command with { By = null })));
            }

            outcomes.Add(outcome);
        }

        if (turn.HasChanges(started))
        {
            await _store.CommitAsync(turn.ToChangeSet(), cancellationToken);
            stored = turn.Round is { } round ? StoredRound.Committed(stored, round, turn.OfferingsWritten) : null;
        }
        else if (((await _store.ReadAsync(turn.Key, cancellationToken))?.Version ?? 0) != turn.RoundVersion)
        {
            throw new StaleWriteException(turn.Key, turn.RoundVersion); // refusals decided on a state another process replaced
        }

        _cached = (stored, true);
        var replies = new List<RoundReply>(outcomes.Count);
        foreach (var (refusal, applicationId, created) in outcomes)
        {
            var application = applicationId is { } id ? await turn.ApplicationAsync(id, cancellationToken) : null;
            replies.Add(new RoundReply(refusal, turn.Round, application, created));
        }

        return replies;
    }

    public ValueTask DisposeAsync() => _mailbox.DisposeAsync();
}
