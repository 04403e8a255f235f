using WebKita.Grains.Common;

namespace WebKita.Grains.Buildings;

/// <summary>
/// One building, keyed by its id and its tenant (<c>GetGrain&lt;IBuildingGrain&gt;(id, tenant)</c>).
/// Create is idempotent by id (a repeat answers <c>building.exists</c>); Update with the same
/// details changes nothing and audits nothing.
/// </summary>
[Alias("webkita.IBuildingGrain")]
public interface IBuildingGrain : IGrainWithGuidCompoundKey
{
    [Alias("Create")]
    Task<Outcome<Building>> CreateAsync(Guid schoolId, string name, IReadOnlyList<Room> rooms, ChangedBy? by);

    [Alias("Update")]
    Task<Outcome<Building>> UpdateAsync(string name, IReadOnlyList<Room> rooms, ChangedBy? by);

    [Alias("Find")]
    Task<Building?> FindAsync();
}
