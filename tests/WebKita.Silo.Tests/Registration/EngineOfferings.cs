using System.Collections.Concurrent;
using WebKita.Grains.Common;
using WebKita.Silo.Registration;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Tests.Registration;

/// <summary>
/// Offerings decided in this test's own activations, without a cluster: the commit engine's
/// guarantees alone, on each store, and two engines on one offering, as two processes would be in
/// the moments membership lets two activations of a grain overlap. Disposing stops their mailboxes.
/// </summary>
internal sealed class EngineOfferings(IGrainStore store, TimeProvider time, SiloOptions options) : IOfferings, IAsyncDisposable
{
    private readonly ConcurrentDictionary<(TenantId, Guid), Lazy<OfferingActivation>> _activations = new();

    public Task<OfferingReply> SendAsync(TenantId tenant, Guid offeringId, OfferingCommand command, CancellationToken cancellationToken) =>
        _activations.GetOrAdd((tenant, offeringId), key => new(() => new OfferingActivation(store, time, key.Item1, key.Item2, options)))
            .Value.SendAsync(command, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var activation in _activations.Values.Where(a => a.IsValueCreated))
        {
            await activation.Value.DisposeAsync();
        }
    }
}
