using WebKita.Api.Accounts;
using WebKita.Grains.Accounts;

namespace WebKita.Api.Buildings;

/// <summary>Who answers for a building: the county admin for all of the tenant's, a facility manager for those named on the account.</summary>
public static class BuildingAccess
{
    public static bool Oversees(this Caller caller, string tenant, Guid buildingId) =>
        caller.IsIn(tenant) && (caller.OverseenBuildings() is not { } buildings || buildings.Contains(buildingId));

    /// <summary>The buildings of its own tenant the caller answers for; null: all of them.</summary>
    public static IReadOnlySet<Guid>? OverseenBuildings(this Caller caller) => caller.Role switch
    {
        Role.CountyAdmin => null,
        Role.FacilityManager => caller.Buildings,
        _ => NoBuildings,
    };

    private static readonly IReadOnlySet<Guid> NoBuildings = new HashSet<Guid>();
}
