using WebKita.Grains.Allocation;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;
using WebKita.Grains.Statutes;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Statutes;

/// <summary>
/// One statute per tenant: changes go through its activation, so concurrent amendments get
/// consecutive versions; reads go straight to the store.
/// </summary>
public sealed class StatuteDirectory(IGrainStore store, SiloOptions options, TimeProvider time) : IAsyncDisposable
{
    // The statute is a singleton per tenant; the tenant is part of the key, so one id serves all.
    private static readonly Guid StatuteId = new("57a70000-0000-4000-8000-000000000001");

    private readonly GrainDirectory<GrainKey, SingleGrainActivation<Statute>> _activations = new();

    /// <summary>Enacts the first version or adds the next; see <see cref="Statute.Amend"/> for idempotency.</summary>
    public Task<Outcome<Statute>> AmendAsync(
        TenantId tenant, IReadOnlyList<CriterionRule> criteria, GradeRange priorityGrades, Guid enactedBy, CancellationToken cancellationToken, Actor? by = null) =>
        Activation(tenant).SendAsync(
            statute => statute is null
                ? Statute.Enact(tenant, criteria, priorityGrades, enactedBy, time.GetUtcNow())
                : statute.Amend(criteria, priorityGrades, enactedBy, time.GetUtcNow()),
            cancellationToken,
            by is null ? null : new AuditedAction(by, "AmendStatute"));

    public async Task<Statute?> FindAsync(TenantId tenant, CancellationToken cancellationToken) =>
        await store.ReadAsync(Key(tenant), cancellationToken) is { } stored ? GrainJson.Deserialize<Statute>(stored.State) : null;

    private SingleGrainActivation<Statute> Activation(TenantId tenant) =>
        _activations.Get(Key(tenant), key => new SingleGrainActivation<Statute>(store, key, _ => null, options, time));

    private static GrainKey Key(TenantId tenant) => new(tenant.Value, GrainKinds.Statute, StatuteId);

    public ValueTask DisposeAsync() => _activations.DisposeAsync();
}
