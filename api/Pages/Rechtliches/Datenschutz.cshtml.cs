using WebKita.Api.Pages.Site;

namespace WebKita.Api.Pages.Rechtliches;

public sealed class DatenschutzModel(SiteTenant site) : SitePage(site)
{
    public void OnGet()
    {
    }
}
