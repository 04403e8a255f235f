using Orleans.Concurrency;
using WebKita.Grains.Common;
using WebKita.Silo.Statutes;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Rounds;

/// <summary>
/// Hosts a round's activation in the Orleans cluster, as <see cref="Registration.OfferingGrain"/>
/// hosts an offering's: the round's turn commits its head, the offerings and applications it
/// changed, their outbox events, audit entries and reminders in one transaction of the store,
/// and Orleans keeps one activation in the cluster. Reentrant: callers wait for their commits
/// at once; the mailbox decides one turn at a time.
/// </summary>
[Reentrant]
internal sealed class RoundGrain(IGrainStore store, StatuteDirectory statutes, TimeProvider time, SiloOptions options) : Grain, IRoundGrain
{
    private RoundActivation _activation = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKey(out var tenant);
        _activation = new RoundActivation(store, time, new TenantId(tenant!), id, statutes.RulesAsync, options);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await _activation.DisposeAsync();

    public Task<RoundReply> SendAsync(RoundCommand command) => _activation.SendAsync(command, CancellationToken.None);
}
