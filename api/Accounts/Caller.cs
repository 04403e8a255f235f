using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Silo.Runtime;

namespace WebKita.Api.Accounts;

/// <summary>The signed-in account as its claims describe it: tenant, role and scopes.</summary>
public sealed record Caller(Guid AccountId, TenantId Tenant, Role Role, IReadOnlySet<Guid> Schools, IReadOnlySet<Guid> Buildings)
{
    public const string TenantClaim = "webkita:tenant";
    public const string SchoolClaim = "webkita:school";
    public const string BuildingClaim = "webkita:building";
    public const string SessionClaim = "webkita:session";

    /// <summary>A fresh id per sign-in, so signing out can end this one session (see <see cref="SessionCheck"/>).</summary>
    public const string SessionIdClaim = "webkita:sid";

    // A request asks for its caller several times (session check, tenant filter, handler); the
    // claims of an authenticated principal do not change, so they are read once per principal.
    private static readonly ConditionalWeakTable<ClaimsPrincipal, Caller> Known = [];

    public static Caller? From(ClaimsPrincipal user)
    {
        if (Known.TryGetValue(user, out var known))
        {
            return known;
        }

        if (user.Identity?.IsAuthenticated != true
            || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            || user.FindFirstValue(TenantClaim) is not { } tenant || !TenantId.IsValid(tenant)
            || !Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role))
        {
            return null;
        }

        return Known.GetValue(user, _ => new Caller(id, new TenantId(tenant), role, Ids(user, SchoolClaim), Ids(user, BuildingClaim)));
    }

    public static ClaimsPrincipal Principal(Account account, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new(ClaimTypes.Name, account.DisplayName),
            new(ClaimTypes.Role, account.Role.ToString()),
            new(TenantClaim, account.Tenant.Value),
            new(SessionClaim, account.SessionGeneration.ToString(CultureInfo.InvariantCulture)),
            new(SessionIdClaim, Guid.NewGuid().ToString()),
        };
        claims.AddRange(account.Schools.Select(s => new Claim(SchoolClaim, s.ToString())));
        claims.AddRange(account.Buildings.Select(b => new Claim(BuildingClaim, b.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public Actor ToActor() => new(AccountId, Role, Schools);

    /// <summary>True when the caller acts in this tenant at all; everything else is checked on top of it.</summary>
    public bool IsIn(string tenant) => string.Equals(Tenant.Value, tenant, StringComparison.Ordinal);

    public bool IsAdminOf(string tenant) => Role == Role.CountyAdmin && IsIn(tenant);

    /// <summary>County admins manage every school of their tenant; staff only their own.</summary>
    public bool ManagesSchool(string tenant, Guid schoolId) =>
        IsAdminOf(tenant) || (Role == Role.SchoolStaff && IsIn(tenant) && Schools.Contains(schoolId));

    private static HashSet<Guid> Ids(ClaimsPrincipal user, string type) =>
        [.. user.FindAll(type).Select(c => Guid.Parse(c.Value, CultureInfo.InvariantCulture))];
}
