using WebKita.Api.Pages.Site;

namespace WebKita.Api.Pages.Rechtliches;

public sealed class BarrierefreiheitModel(SiteTenant site) : SitePage(site)
{
    public void OnGet()
    {
    }
}
