using Microsoft.AspNetCore.Authorization;
using WebKita.Grains.Accounts;

namespace WebKita.Api.Accounts;

/// <summary>
/// Endpoint-level rules by role. Which school, family or building a caller may touch is checked
/// in the handler, against the resource, with <see cref="Caller"/>.
/// </summary>
public static class Policies
{
    public const string Family = "family";
    public const string Staff = "staff";
    public const string CountyAdmin = "county-admin";
    public const string FamilyOrStaff = "family-or-staff";
    public const string SignedIn = "signed-in";
    public const string FacilityOrAdmin = "facility-or-admin";
    public const string FamilyOrFacility = "family-or-facility";

    public static void Add(AuthorizationOptions options)
    {
        // Deny by default: an endpoint without an explicit rule answers to nobody. A request that
        // matched no endpoint passes, so it gets its 404 (a German page for page paths) instead
        // of a sign-in redirect: nothing would serve it anyway.
        options.FallbackPolicy = new AuthorizationPolicyBuilder()
            .RequireAssertion(context => context.Resource is HttpContext http && http.GetEndpoint() is null)
            .Build();
        options.AddPolicy(Family, p => p.RequireRole(nameof(Role.Family)));
        options.AddPolicy(Staff, p => p.RequireRole(nameof(Role.SchoolStaff), nameof(Role.CountyAdmin)));
        options.AddPolicy(CountyAdmin, p => p.RequireRole(nameof(Role.CountyAdmin)));
        options.AddPolicy(FamilyOrStaff, p => p.RequireRole(nameof(Role.Family), nameof(Role.SchoolStaff), nameof(Role.CountyAdmin)));
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        options.AddPolicy(FacilityOrAdmin, p => p.RequireRole(nameof(Role.FacilityManager), nameof(Role.CountyAdmin)));
        options.AddPolicy(FamilyOrFacility, p => p.RequireRole(nameof(Role.Family), nameof(Role.FacilityManager)));
    }
}
