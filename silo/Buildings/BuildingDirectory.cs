using WebKita.Grains.Buildings;
using WebKita.Grains.Common;
using WebKita.Silo.Cluster;
using WebKita.Silo.ReadModels;
using WebKita.Silo.Runtime;

namespace WebKita.Silo.Buildings;

/// <summary>
/// Buildings of all tenants, listed under their school. A change goes to the building's Orleans
/// grain (one activation in the cluster, answered once durable and published); reads go to what
/// the grains published, so a look-up of an unknown id activates nothing.
/// </summary>
public sealed class BuildingDirectory(IGrainFactory grains, StoreReadModel<Building> published)
{
    public Task<Outcome<Building>> CreateAsync(
        TenantId tenant, Guid id, Guid schoolId, string name, IReadOnlyList<Room> rooms, CancellationToken cancellationToken, Actor? by = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Grain(tenant, id).CreateAsync(schoolId, name, rooms, by?.ChangedBy());
    }

    public Task<Outcome<Building>> UpdateAsync(
        TenantId tenant, Guid id, string name, IReadOnlyList<Room> rooms, CancellationToken cancellationToken, Actor? by = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Grain(tenant, id).UpdateAsync(name, rooms, by?.ChangedBy());
    }

    public async Task<Building?> FindAsync(TenantId tenant, Guid id, CancellationToken cancellationToken) =>
        (await published.ReadAsync(tenant, id, cancellationToken))?.Value;

    /// <summary>The tenant's buildings, or one school's.</summary>
    public async Task<IReadOnlyList<Building>> ListAsync(TenantId tenant, Guid? schoolId, CancellationToken cancellationToken) =>
        [.. (await published.ListAsync(tenant, schoolId, cancellationToken)).OrderBy(b => b.Name, StringComparer.CurrentCulture)];

    private IBuildingGrain Grain(TenantId tenant, Guid id) => grains.Grain<IBuildingGrain>(id, tenant.Value);
}
