using WebKita.Api.Pages.Site;

namespace WebKita.Api.Pages.Rechtliches;

public sealed class ImpressumModel(SiteTenant site) : SitePage(site)
{
    public void OnGet()
    {
    }
}
