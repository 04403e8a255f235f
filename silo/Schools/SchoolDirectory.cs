using WebKita.Grains.Common;
using WebKita.Grains.Schools;
using WebKita.Silo.Cluster;
using WebKita.Silo.ReadModels;
using WebKita.Silo.Runtime;

namespace WebKita.Silo.Schools;

/// <summary>
/// Schools of all tenants. A change goes to the school's Orleans grain (one activation in the
/// cluster, answered once durable and published); reads go to what the grains published, so a
/// look-up of an unknown id activates nothing.
/// </summary>
public sealed class SchoolDirectory(IGrainFactory grains, StoreReadModel<School> published)
{
    public Task<Outcome<School>> CreateAsync(TenantId tenant, Guid id, string name, string? address, CancellationToken cancellationToken, Actor? by = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Grain(tenant, id).CreateAsync(name, address, by?.ChangedBy());
    }

    public Task<Outcome<School>> UpdateAsync(TenantId tenant, Guid id, string name, string? address, CancellationToken cancellationToken, Actor? by = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Grain(tenant, id).UpdateAsync(name, address, by?.ChangedBy());
    }

    public async Task<School?> FindAsync(TenantId tenant, Guid id, CancellationToken cancellationToken) =>
        (await published.ReadAsync(tenant, id, cancellationToken))?.Value;

    public async Task<IReadOnlyList<School>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        [.. (await published.ListAsync(tenant, cancellationToken)).OrderBy(s => s.Name, StringComparer.CurrentCulture)];

    private ISchoolGrain Grain(TenantId tenant, Guid id) => grains.Grain<ISchoolGrain>(id, tenant.Value);
}
