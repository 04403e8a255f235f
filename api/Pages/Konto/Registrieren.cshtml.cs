using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using WebKita.Api.Accounts;
using WebKita.Api.Pages.Site;

namespace WebKita.Api.Pages.Konto;

/// <summary>Opens a family account through the same rules as the JSON registration; the family then signs in.</summary>
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
        if (await signIn.RegisterFamilyAsync(Site.Id, Email, Password, DisplayName, cancellationToken) is { } refusal)
        {
            foreach (var field in refusal.Fields ?? [])
            {
                Invalid(FieldOf(field.Field), GermanFieldMessages.For(field.Field, field.Message));
            }

            if (refusal.Fields is not { Count: > 0 })
            {
                Invalid(nameof(Email), "Das Konto konnte nicht angelegt werden. Bitte prüfen Sie Ihre Eingaben.");
            }

            return Page();
        }

        // The same answer whether the e-mail was new or had an account already (whose owner gets an
        // e-mail instead), so the page tells nobody which e-mails are registered.
        Notice = "Vielen Dank. Bitte loggen Sie sich jetzt ein. Falls es zu dieser E-Mail-Adresse schon ein Konto gab, haben wir Ihnen eine E-Mail geschickt.";
        return RedirectToPage("/Konto/Anmelden", new { returnUrl = "/familie/kinder" });
    }

    private static string FieldOf(string field) => field switch
    {
        "email" => nameof(Email),
        "password" => nameof(Password),
        "displayName" => nameof(DisplayName),
        _ => "",
    };
}
