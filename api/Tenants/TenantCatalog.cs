using WebKita.Api.Demo;
using WebKita.Grains.Common;

namespace WebKita.Api.Tenants;

/// <summary>
/// The tenants this installation serves. A tenant exists only when the operator names it: in
/// <c>Tenants</c> (a list, e.g. <c>Tenants__0=mtk</c>), as <c>Bootstrap:Tenant</c>, or as the demo
/// county when <c>Demo:Enabled</c>. Every other tenant id answers 404, so nobody can open accounts
/// or data under a county that does not exist. Immutable after start; thread-safe.
/// </summary>
public sealed class TenantCatalog
{
    private readonly HashSet<string> _ids;

    public TenantCatalog(IConfiguration configuration)
    {
        var named = configuration.GetSection("Tenants").GetChildren().Select(c => c.Value)
            .Append(configuration["Bootstrap:Tenant"])
            .Append(configuration.GetValue<bool>("Demo:Enabled") ? DemoData.Tenant.Value : null)
            .Where(id => !string.IsNullOrEmpty(id))
            .Select(id => id!)
            .ToList();
        if (named.FirstOrDefault(id => !TenantId.IsValid(id)) is { } malformed)
        {
            throw new InvalidOperationException($"The configured tenant '{malformed}' is not a tenant id (2 to 40 characters of a-z, 0-9 and '-').");
        }

        _ids = new HashSet<string>(named, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Ids => _ids;

    public bool Contains(string? tenant) => tenant is not null && _ids.Contains(tenant);
}
