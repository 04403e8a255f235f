using WebKita.Grains.Common;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Registration;

/// <summary>Where an offering's commands are decided.</summary>
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
        return grains.GetGrain<IOfferingGrain>(offeringId, tenant.Value).SendAsync(command);
    }
}

/// <summary>
/// In this process, without a cluster: for tools and tests of the engine itself. Several such
/// processes on one store stay correct (versioned commits) but contend.
/// </summary>
public sealed class LocalOfferings(IGrainStore store, TimeProvider time, SiloOptions options) : IOfferings, IAsyncDisposable
{
    private readonly GrainDirectory<(TenantId, Guid), OfferingActivation> _activations = new();

    public Task<OfferingReply> SendAsync(TenantId tenant, Guid offeringId, OfferingCommand command, CancellationToken cancellationToken) =>
        _activations.Get((tenant, offeringId), key => new OfferingActivation(store, time, key.Item1, key.Item2, options))
            .SendAsync(command, cancellationToken);

    public ValueTask DisposeAsync() => _activations.DisposeAsync();
}
