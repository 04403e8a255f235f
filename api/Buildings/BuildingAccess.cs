using WebKita.Api.Accounts;
using WebKita.Grains.Accounts;

namespace WebKita.Api.Buildings;

/// <summary>Who answers for a building: the county admin for all of the tenant's, a facility manager for those named on the account.</summary>
public static class BuildingAccess
{
    public static bool Oversees(this Caller caller, string tenant, Guid buildingId) =>
        caller.IsAdminOf(tenant) || (caller.Role == Role.FacilityManager && caller.IsIn(tenant) && caller.Buildings.Contains(buildingId));
}
