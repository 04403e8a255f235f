using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using WebKita.Grains.Accounts;

namespace WebKita.Api.Accounts;

public static class AuthenticationSetup
{
    public const string Scheme = "cookie-or-token";

    /// <summary>
    /// Pages sign in with a cookie, API clients with a bearer token; one policy scheme picks by the
    /// Authorization header, so every endpoint accepts both. A page redirects an anonymous visitor to the sign-in page; the JSON API answers 401/403.
    /// </summary>
    public static IServiceCollection AddWebKitaAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        // Cookies and tokens are protected with the key ring the silo sets up (WebKita.Silo.Protection.KeyRing).
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton<BearerTokens>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or bearer token", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
                    ? BearerTokenDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "webkita";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                // Pages send a visitor to the sign-in page and back; the JSON API answers 401.
                options.LoginPath = "/konto/anmelden";
                options.ReturnUrlParameter = "returnUrl";
                options.Events.OnRedirectToLogin = context => Pages.Site.PagesSetup.IsPageRequest(context.Request)
                    ? Redirect(context.Response, context.RedirectUri)
                    : Status(context.Response, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
            })
            .AddBearerToken(options => options.BearerTokenExpiration = TimeSpan.FromHours(1));
        services.AddAuthorization(Policies.Add);
        services.AddHostedService<AdminBootstrap>();
        return services;
    }

    private static Task Redirect(HttpResponse response, string location)
    {
        response.Redirect(location);
        return Task.CompletedTask;
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
