using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using WebKita.Api.Accounts;
using WebKita.Api.Pages.Site;

namespace WebKita.Api.Pages.Konto;

/// <summary>Opens a family account through the same rules as the JSON registration, then signs the family in.</summary>
[EnableRateLimiting(RateLimits.Register)]
public sealed class RegistrierenModel(SiteTenant site, PasswordSignIn signIn) : SitePage(site)
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var outcome = await signIn.RegisterFamilyAsync(Site.Id, Email, Password, DisplayName, cancellationToken);
        if (outcome.Value is not { } account)
        {
            foreach (var field in outcome.Refusal!.Fields ?? [])
            {
                Invalid(FieldOf(field.Field), GermanFieldMessages.For(field.Field, field.Message));
            }

            if (outcome.Refusal.Fields is not { Count: > 0 })
            {
                Invalid(nameof(Email), outcome.Refusal.Code == "account.exists"
                    ? "Mit dieser E-Mail-Adresse gibt es schon ein Konto. Bitte loggen Sie sich ein."
                    : "Das Konto konnte nicht angelegt werden. Bitte prüfen Sie Ihre Eingaben.");
            }

            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Caller.Principal(account, CookieAuthenticationDefaults.AuthenticationScheme));
        Notice = "Ihr Konto ist angelegt. Tragen Sie jetzt Ihre Kinder ein.";
        return RedirectToPage("/Familie/Kinder");
    }

    private static string FieldOf(string field) => field switch
    {
        "email" => nameof(Email),
        "password" => nameof(Password),
        "displayName" => nameof(DisplayName),
        _ => "",
    };
}
