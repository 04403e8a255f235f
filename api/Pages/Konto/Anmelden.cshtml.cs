using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using WebKita.Api.Accounts;
using WebKita.Api.Pages.Site;
using WebKita.Grains.Accounts;
using SignInResult = WebKita.Grains.Accounts.SignInResult;

namespace WebKita.Api.Pages.Konto;

/// <summary>Signs in with a cookie through the same check as the JSON sign-in, rate limited alike.</summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class AnmeldenModel(SiteTenant site, PasswordSignIn signIn) : SitePage(site)
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (account, result) = await signIn.SignInAsync(Site.Id, Email, Password, cancellationToken);
        switch (result)
        {
            case SignInResult.SignedIn:
                await HttpContext.SignInAsync(
                    CookieAuthenticationDefaults.AuthenticationScheme, Caller.Principal(account!, CookieAuthenticationDefaults.AuthenticationScheme));
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : StartOf(account!.Role));
            default:
                // A lockout answers like a wrong password: a distinct answer would tell which e-mails have accounts.
                Invalid(nameof(Email), "E-Mail-Adresse oder Passwort stimmen nicht. Nach 5 Fehlversuchen in Folge ist die Anmeldung 15 Minuten gesperrt.");
                return Page();
        }
    }

    private static string StartOf(Role role) => role switch
    {
        Role.Family => "/familie",
        Role.SchoolStaff or Role.CountyAdmin => "/schule",
        Role.FacilityManager => "/hausmeister",
        _ => "/",
    };
}
