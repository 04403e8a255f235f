using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Registration;

/// <summary>
/// An offering living in this process: its mailbox and its last decided state. The cached state
/// saves a read per turn; if another process changed the offering meanwhile, the commit fails on
/// the version, the cache is dropped and the turn is decided again on fresh state, which is safe
/// because the grain code is pure. The mailbox decides the next batch while this one commits.
/// </summary>
internal sealed class OfferingActivation : IPipelinedGrain<OfferingCommand, OfferingReply, OfferingActivation.Decided>, IAsyncDisposable
{
    public const string OpensReminder = "registration-opens";
    public const string ClosesReminder = "registration-closes";

    private readonly IGrainStore _store;
    private readonly TimeProvider _time;
    private readonly TenantId _tenant;
    private readonly Guid _id;
    private readonly PipelinedMailbox<OfferingCommand, OfferingReply, Decided> _mailbox;
    private (long Version, Offering? State)? _cached;
    private OfferingTurn? _previous;

    public OfferingActivation(IGrainStore store, TimeProvider time, TenantId tenant, Guid id, SiloOptions options)
    {
        _store = store;
        _time = time;
        _tenant = tenant;
        _id = id;
        _mailbox = new PipelinedMailbox<OfferingCommand, OfferingReply, Decided>(this, options.MaxBatch, options.MailboxCapacity);
    }

    public Task<OfferingReply> SendAsync(OfferingCommand command, CancellationToken cancellationToken) =>
        _mailbox.PostAsync(command, cancellationToken);

    /// <summary>A decided batch: what to commit (null: nothing changed) on top of which version, and the replies.</summary>
    internal sealed record Decided(long Version, ChangeSet? Changes, IReadOnlyList<OfferingReply> Replies);

    public Task<IReadOnlyList<OfferingReply>> DecideAndCommitAsync(IReadOnlyList<OfferingCommand> commands, CancellationToken cancellationToken) =>
        StaleRetry.RunAsync(async () => await CommitAsync(await DecideAsync(commands, cancellationToken), cancellationToken), Forget);

    public void Forget()
    {
        _cached = null;
        _previous = null;
    }

    public async Task<IReadOnlyList<OfferingReply>> CommitAsync(Decided decided, CancellationToken cancellationToken)
    {
        var key = new GrainKey(_tenant.Value, GrainKinds.Offering, _id);
        if (decided.Changes is not null)
        {
            await _store.CommitAsync(decided.Changes, cancellationToken);
        }
        else if (((await _store.ReadAsync(key, cancellationToken))?.Version ?? 0) != decided.Version)
        {
            // Nothing to commit means no version check: the answers may come from a cached state
            // another process has since replaced (an offering created or its terms changed there).
            // They stand only if the offering is still at the version they were decided on.
            throw new StaleWriteException(key, decided.Version);
        }

        return decided.Replies;
    }

    /// <summary>
    /// Decides on the cached (or freshly read) state; if that state turns out to be replaced by
    /// another process (an application disagrees with it: a commit landed between reading the
    /// offering and its applications), decides again on fresh state rather than failing the
    /// callers: the commit's version check still guards the result.
    /// </summary>
    public Task<Decided> DecideAsync(IReadOnlyList<OfferingCommand> commands, CancellationToken cancellationToken) =>
        StaleRetry.RunAsync(() => DecideOnceAsync(commands, cancellationToken), Forget);

    private async Task<Decided> DecideOnceAsync(IReadOnlyList<OfferingCommand> commands, CancellationToken cancellationToken)
    {
        var (version, started) = _cached ?? await LoadAsync(cancellationToken);
        var turn = new OfferingTurn(_store, _tenant, _id, version, started, _time.GetUtcNow());
        if (_previous is not null)
        {
            turn.Inherit(_previous);
        }

        await turn.PreloadAsync(
            [.. commands.Select(c => c switch
            {
                SubmitApplication s => Application.IdFor(_tenant, _id, s.Child),
                ApplicationDecision d => d.ApplicationId,
                _ => Guid.Empty,
            }).Where(id => id != Guid.Empty)],
            cancellationToken);

        await turn.PreloadAliasesAsync([.. commands.OfType<SubmitApplication>().Select(s => s.IdempotencyKey).OfType<string>().Distinct()], cancellationToken);

        var outcomes = new List<(Refusal? Refusal, Guid? ApplicationId, bool Created)>(commands.Count);
        foreach (var command in commands)
        {
            var before = (turn.Offering, turn.ChangedApplications);
            var outcome = await OfferingDecisions.DecideAsync(turn, _tenant, _id, command, cancellationToken);
            if (outcome.Refusal is null && before != (turn.Offering, turn.ChangedApplications))
            {
                turn.RecordAudit(command, outcome.ApplicationId ?? _id, outcome.ApplicationId is null ? GrainKinds.Offering : GrainKinds.Application);
            }

            outcomes.Add(outcome);
        }

        var changes = turn.HasChanges(started) ? turn.ToChangeSet() : null;

        // From here on the batch's outcome is the state the next batch is decided on; if its
        // commit fails, the mailbox makes this activation forget it.
        _cached = (changes is null ? version : version + 1, turn.Offering);
        _previous = turn;

        var positions = WaitlistPositions(turn.Offering, outcomes.Select(o => o.ApplicationId));
        return new Decided(version, changes, [.. outcomes.Select(o => o.Refusal is not null
            ? new OfferingReply(o.Refusal, turn.Offering)
            : new OfferingReply(
                null,
                turn.Offering,
                o.ApplicationId is { } id ? turn.Current(id) : null,
                o.Created,
                o.ApplicationId is { } waiting && positions.TryGetValue(waiting, out var position) ? position : null))]);
    }

    /// <summary>One pass over the waitlist for the whole turn, not one per reply: a hot offering's waitlist is long.</summary>
    private static Dictionary<Guid, int> WaitlistPositions(Offering? offering, IEnumerable<Guid?> ids)
    {
        var wanted = ids.OfType<Guid>().ToHashSet();
        var positions = new Dictionary<Guid, int>();
        if (offering is null || wanted.Count == 0)
        {
            return positions;
        }

        var position = 0;
        foreach (var id in offering.Waitlist)
        {
            position++;
            if (wanted.Contains(id))
            {
                positions[id] = position;
            }
        }

        return positions;
    }

    private async Task<(long Version, Offering? State)> LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await _store.ReadAsync(new GrainKey(_tenant.Value, GrainKinds.Offering, _id), cancellationToken);
        return stored is null ? (0, null) : (stored.Version, GrainJson.Deserialize<Offering>(stored.State));
    }

    public ValueTask DisposeAsync() => _mailbox.DisposeAsync();
}
