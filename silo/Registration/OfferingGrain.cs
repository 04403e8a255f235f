using Orleans.Concurrency;
using WebKita.Grains.Common;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Registration;

/// <summary>
/// Hosts an offering's activation in the Orleans cluster. The offering is decided by its group
/// commit (<see cref="OfferingActivation"/>), which writes the offering, the applications a batch
/// changed, their outbox events, audit entries and reminders in one transaction: state that
/// Orleans' per-grain storage could only write one grain at a time. Orleans adds what the
/// store alone could not: one activation in the cluster, so the processes no longer race each
/// other's versions. If membership ever lets two activations overlap (a silo declared dead that
/// still runs), the versioned commit still refuses the stale one.
/// <para>
/// Reentrant: many callers wait for their commits at once; the activation's mailbox decides them
/// one at a time in arrival order.
/// </para>
/// </summary>
[Reentrant]
internal sealed class OfferingGrain(IGrainStore store, TimeProvider time, SiloOptions options) : Grain, IOfferingGrain
{
    private OfferingActivation _activation = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKey(out var tenant);
        _activation = new OfferingActivation(store, time, new TenantId(tenant!), id, options);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await _activation.DisposeAsync();

    public Task<OfferingReply> SendAsync(OfferingCommand command) => _activation.SendAsync(command, CancellationToken.None);
}
