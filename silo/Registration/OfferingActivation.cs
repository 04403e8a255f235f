using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Registration;

/// <summary>
/// An offering living in this process: its mailbox and its last committed state. The cached state
/// saves a read per turn; if another process changed the offering meanwhile, the commit fails on
/// the version, the cache is dropped and the turn is decided again on fresh state, which is safe
/// because the grain code is pure.
/// </summary>
internal sealed class OfferingActivation : IAsyncDisposable
{
    public const string OpensReminder = "registration-opens";
    public const string ClosesReminder = "registration-closes";

    private readonly IGrainStore _store;
    private readonly TimeProvider _time;
    private readonly TenantId _tenant;
    private readonly Guid _id;
    private readonly Mailbox<OfferingCommand, OfferingReply> _mailbox;
    private (long Version, Offering? State)? _cached;

    public OfferingActivation(IGrainStore store, TimeProvider time, TenantId tenant, Guid id, SiloOptions options)
    {
        _store = store;
        _time = time;
        _tenant = tenant;
        _id = id;
        _mailbox = new Mailbox<OfferingCommand, OfferingReply>(TurnAsync, options.MaxBatch, options.MailboxCapacity);
    }

    public Task<OfferingReply> SendAsync(OfferingCommand command, CancellationToken cancellationToken) =>
        _mailbox.PostAsync(command, cancellationToken);

    private Task<IReadOnlyList<OfferingReply>> TurnAsync(IReadOnlyList<OfferingCommand> commands, CancellationToken cancellationToken) =>
        StaleRetry.RunAsync(() => DecideAndCommitAsync(commands, cancellationToken), () => _cached = null);

    private async Task<IReadOnlyList<OfferingReply>> DecideAndCommitAsync(IReadOnlyList<OfferingCommand> commands, CancellationToken cancellationToken)
    {
        var (version, started) = _cached ?? await LoadAsync(cancellationToken);
        var turn = new OfferingTurn(_store, _tenant, _id, version, started, _time.GetUtcNow());
        await turn.PreloadAsync(
            [.. commands.Select(c => c switch
            {
                SubmitApplication s => Application.IdFor(_tenant, _id, s.Child),
                WithdrawApplication w => w.ApplicationId,
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

        if (turn.HasChanges(started))
        {
            await _store.CommitAsync(turn.ToChangeSet(), cancellationToken);
            _cached = (version + 1, turn.Offering);
        }
        else
        {
            // Nothing to commit means no version check: the answers may come from a cached state
            // another process has since replaced (an offering created or its terms changed there).
            // They stand only if the offering is still at the version they were decided on.
            var current = await _store.ReadAsync(new GrainKey(_tenant.Value, GrainKinds.Offering, _id), cancellationToken);
            if ((current?.Version ?? 0) != version)
            {
                throw new StaleWriteException(new GrainKey(_tenant.Value, GrainKinds.Offering, _id), version);
            }

            _cached = (version, started);
        }

        var positions = WaitlistPositions(turn.Offering, outcomes.Select(o => o.ApplicationId));
        return [.. outcomes.Select(o => o.Refusal is not null
            ? new OfferingReply(o.Refusal, turn.Offering)
            : new OfferingReply(
                null,
                turn.Offering,
                o.ApplicationId is { } id ? turn.Current(id) : null,
                o.Created,
                o.ApplicationId is { } waiting && positions.TryGetValue(waiting, out var position) ? position : null))];
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
