using Orleans.Concurrency;
using WebKita.Grains.Common;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Defects;

/// <summary>
/// Hosts a tenant's <see cref="TenantDesk"/> in the cluster. Its turn commits the tenant's ticket
/// counter, the rooms a turn changed, number references, filed-report records, events, escalation
/// reminders and audit entries in one transaction, which Orleans' per-grain storage could not.
/// Orleans adds one activation in the cluster, so processes no longer race each other's versions;
/// the versioned commit still refuses a stale activation if membership ever lets two overlap.
/// <para>
/// Reentrant: many callers wait for their commits at once; the desk's mailbox decides them one
/// turn at a time in arrival order.
/// </para>
/// </summary>
[Reentrant]
internal sealed class TicketDeskGrain(IGrainStore store, SiloOptions options, TimeProvider time) : Grain, ITicketDeskGrain
{
    private TenantDesk _desk = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _desk = new TenantDesk(store, new TenantId(this.GetPrimaryKeyString()), options, time);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await _desk.DisposeAsync();

    public Task<Outcome<DeskDecision>> SendAsync(DeskCommand command) => _desk.PostAsync(command, CancellationToken.None);
}
