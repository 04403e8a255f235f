using WebKita.Grains.Common;

namespace WebKita.Api.Pages.Site;

/// <summary>
/// The county whose pages this installation serves. The JSON API names its tenant in every path;
/// a county's website is its own, so the pages serve one tenant, from <c>Pages:Tenant</c>
/// (else the bootstrapped tenant, else the demo county).
/// </summary>
public sealed record SiteTenant(TenantId Id)
{
    public static SiteTenant From(IConfiguration configuration) =>
        new(new TenantId(configuration["Pages:Tenant"] is { Length: > 0 } named ? named
            : configuration["Bootstrap:Tenant"] is { Length: > 0 } bootstrapped ? bootstrapped
            : "mtk"));
}
