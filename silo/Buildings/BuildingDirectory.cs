using WebKita.Grains.Buildings;
using WebKita.Grains.Common;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Buildings;

/// <summary>Buildings of all tenants, listed under their school: changes through each building's activation, reads straight to the store.</summary>
public sealed class BuildingDirectory(IGrainStore store, SiloOptions options, TimeProvider time) : IAsyncDisposable
{
    private readonly GrainDirectory<GrainKey, SingleGrainActivation<Building>> _activations = new();

    public Task<Outcome<Building>> CreateAsync(
        TenantId tenant, Guid id, Guid schoolId, string name, IReadOnlyList<Room> rooms, CancellationToken cancellationToken, Actor? by = null) =>
        Activation(tenant, id).SendAsync(
            building => building is null
                ? Building.Create(tenant, id, schoolId, name, rooms)
                : new Refusal("building.exists", $"Building {id} exists already."),
            cancellationToken,
            by is null ? null : new AuditedAction(by, "CreateBuilding"));

    public Task<Outcome<Building>> UpdateAsync(
        TenantId tenant, Guid id, string name, IReadOnlyList<Room> rooms, CancellationToken cancellationToken, Actor? by = null) =>
        Activation(tenant, id).SendAsync(
            building => building?.Update(name, rooms) ?? new Refusal("building.not_found", "There is no such building."),
            cancellationToken,
            by is null ? null : new AuditedAction(by, "UpdateBuilding"));

    public async Task<Building?> FindAsync(TenantId tenant, Guid id, CancellationToken cancellationToken) =>
        await store.ReadAsync(Key(tenant, id), cancellationToken) is { } stored ? GrainJson.Deserialize<Building>(stored.State) : null;

    /// <summary>The tenant's buildings, or one school's.</summary>
    public async Task<IReadOnlyList<Building>> ListAsync(TenantId tenant, Guid? schoolId, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(tenant.Value, GrainKinds.Building, schoolId, cancellationToken))
            .Select(s => GrainJson.Deserialize<Building>(s.State)).OrderBy(b => b.Name, StringComparer.CurrentCulture)];

    private SingleGrainActivation<Building> Activation(TenantId tenant, Guid id) =>
        _activations.Get(Key(tenant, id), key => new SingleGrainActivation<Building>(store, key, b => b.SchoolId, options, time));

    private static GrainKey Key(TenantId tenant, Guid id) => new(tenant.Value, GrainKinds.Building, id);

    public ValueTask DisposeAsync() => _activations.DisposeAsync();
}
