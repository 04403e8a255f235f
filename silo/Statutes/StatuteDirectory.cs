using WebKita.Grains.Allocation;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;
using WebKita.Grains.Statutes;
using WebKita.Silo.Cluster;
using WebKita.Silo.ReadModels;
using WebKita.Silo.Runtime;

namespace WebKita.Silo.Statutes;

/// <summary>
/// One statute per tenant. An amendment goes to the tenant's Orleans statute grain (one activation
/// in the cluster, so concurrent amendments get consecutive versions; answered once durable and
/// published); reads go to what the grain published, so a look-up activates nothing.
/// </summary>
public sealed class StatuteDirectory(IGrainFactory grains, StoreReadModel<Statute> published)
{
    /// <summary>Enacts the first version or adds the next; see <see cref="Statute.Amend"/> for idempotency.</summary>
    public Task<Outcome<Statute>> AmendAsync(
        TenantId tenant, IReadOnlyList<CriterionRule> criteria, GradeRange priorityGrades, Guid enactedBy, CancellationToken cancellationToken, Actor? by = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return grains.Grain<IStatuteGrain>(tenant.Value).AmendAsync(criteria, priorityGrades, enactedBy, by?.ChangedBy());
    }

    /// <summary>The rules in force, for a round's run; null before the first statute.</summary>
    public async Task<StatuteRules?> RulesAsync(TenantId tenant, CancellationToken cancellationToken) =>
        (await FindAsync(tenant, cancellationToken))?.Current().Rules;

    public async Task<Statute?> FindAsync(TenantId tenant, CancellationToken cancellationToken) =>
        (await published.ReadAsync(tenant, StatuteGrain.Id, cancellationToken))?.Value;
}
