using Microsoft.Extensions.Logging;
using WebKita.Grains.Common;

namespace WebKita.Grains.Buildings;

/// <summary>Hosts a <see cref="Building"/>: decides with its pure methods, writes, publishes to the building list.</summary>
public sealed class BuildingGrain(
    [PersistentState("building", GrainStorage.Name)] IPersistentState<PublishedState<Building>> state,
    IReadModel<Building> buildings,
    TimeProvider time,
    ILogger<BuildingGrain> logger) : Grain, IBuildingGrain
{
    /// <summary>The kind the audit log and the read model name buildings by; part of the schema.</summary>
    public const string Kind = "building";

    private Publication<Building> _publication = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKey(out var tenant);
        _publication = new Publication<Building>(state, buildings, new TenantId(tenant!), id, Kind, DeactivateOnIdle, time, logger);
        return _publication.ActivateAsync(cancellationToken);
    }

    public Task<Outcome<Building>> CreateAsync(Guid schoolId, string name, IReadOnlyList<Room> rooms, ChangedBy? by)
    {
        var id = this.GetPrimaryKey(out var tenant);
        return _publication.ChangeAsync(
            building => building is null
                ? Building.Create(new TenantId(tenant!), id, schoolId, name, rooms)
                : new Refusal("building.exists", $"Building {id} exists already."),
            "CreateBuilding",
            by,
            CancellationToken.None);
    }

    public Task<Outcome<Building>> UpdateAsync(string name, IReadOnlyList<Room> rooms, ChangedBy? by) =>
        _publication.ChangeAsync(
            building => building?.Update(name, rooms) ?? new Refusal("building.not_found", "There is no such building."),
            "UpdateBuilding",
            by,
            CancellationToken.None);

    public Task<Building?> FindAsync() => Task.FromResult(_publication.Current);
}
