using WebKita.Grains.Common;
using WebKita.Silo.Cluster;

namespace WebKita.Silo.Registration;

/// <summary>
/// Where an offering's commands are decided: in the product its Orleans grain; the engine's own
/// tests decide them in an <c>OfferingActivation</c> of their own, to run two on one offering.
/// </summary>
public interface IOfferings
{
    Task<OfferingReply> SendAsync(TenantId tenant, Guid offeringId, OfferingCommand command, CancellationToken cancellationToken);
}

/// <summary>In the offering's grain, wherever the cluster placed it: how every host with a silo sends.</summary>
public sealed class ClusterOfferings(IGrainFactory grains) : IOfferings
{
    public Task<OfferingReply> SendAsync(TenantId tenant, Guid offeringId, OfferingCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return grains.Grain<IOfferingGrain>(offeringId, tenant.Value).SendAsync(command);
    }
}
