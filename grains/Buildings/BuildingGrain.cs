using Microsoft.Extensions.Logging;
using WebKita.Grains.Common;

namespace WebKita.Grains.Buildings;

/// <summary>Hosts a <see cref="Building"/>: decides with its pure methods, writes, publishes to the building list.</summary>
public sealed class BuildingGrain(
    [PersistentState("building", GrainStorage.Name)] IPersistentState<PublishedState<Building>> state,
    IReadModel<Building> buildings,
    TimeProvider time,
    ILogger<BuildingGrain> logger) : PublishingGrain<Building>(Kind, state, buildings, time, logger), IBuildingGrain
{
    /// <summary>The kind the audit log and the read model name buildings by; part of the schema.</summary>
    public const string Kind = "building";

    public Task<Outcome<Building>> CreateAsync(Guid schoolId, string name, IReadOnlyList<Room> rooms, ChangedBy? by) =>
        CreateOnceAsync((tenant, id) => Building.Create(tenant, id, schoolId, name, rooms), "building.exists", "CreateBuilding", by);

    public Task<Outcome<Building>> UpdateAsync(string name, IReadOnlyList<Room> rooms, ChangedBy? by) =>
        ChangeAsync(building => building?.Update(name, rooms) ?? new Refusal("building.not_found", "There is no such building."), "UpdateBuilding", by);

    public Task<Building?> FindAsync() => Task.FromResult(Current);
}
