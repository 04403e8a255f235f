using WebKita.Api.Accounts;

namespace WebKita.Api.Pages.Site;

public static class PagesSetup
{
    /// <summary>
    /// Razor Pages with a rule for every folder: the fallback policy still denies any page not
    /// named here. Which school, building or application a caller may touch is checked in the
    /// page, against the resource, through the same services as the JSON API.
    /// </summary>
    public static IServiceCollection AddWebKitaPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(SiteTenant.From(configuration));
        services.AddRazorPages(options =>
        {
            options.Conventions.AllowAnonymousToPage("/Index");
            options.Conventions.AllowAnonymousToFolder("/Rechtliches");
            options.Conventions.AllowAnonymousToPage("/Konto/Anmelden");
            options.Conventions.AllowAnonymousToPage("/Konto/Registrieren");
            options.Conventions.AuthorizePage("/Konto/Abmelden", Policies.SignedIn);
            options.Conventions.AuthorizeFolder("/Familie", Policies.Family);
            options.Conventions.AuthorizeFolder("/Schule", Policies.Staff);
            options.Conventions.AuthorizeFolder("/Hausmeister", Policies.FacilityOrAdmin);
            options.Conventions.AuthorizeFolder("/Verwaltung", Policies.CountyAdmin);
            options.Conventions.AllowAnonymousToPage("/Fehler");
        });
        services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        return services;
    }

    /// <summary>True for a request to a page rather than the JSON API or the infrastructure endpoints.</summary>
    public static bool IsPageRequest(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
        && !request.Path.StartsWithSegments("/health", StringComparison.Ordinal)
        && !request.Path.StartsWithSegments("/openapi", StringComparison.Ordinal)
        && !request.Path.StartsWithSegments("/open311", StringComparison.Ordinal);
}
