using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using WebKita.Api.Accounts;
using WebKita.Api.Pages.Site;

namespace WebKita.Api.Pages.Familie;

/// <summary>The family's GDPR rights: the export is the JSON API's (the cookie signs it in), the deletion the same service as DELETE /me.</summary>
public sealed class DatenModel(SiteTenant site, FamilyData family) : SitePage(site)
{
    [BindProperty]
    public bool Confirmed { get; set; }

    public string ExportUrl => $"/api/v1/tenants/{Site.Id.Value}/me/export";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Confirmed)
        {
            Invalid(nameof(Confirmed), "Bitte bestätigen Sie, dass Sie Ihr Konto endgültig löschen möchten.");
            return Page();
        }

        if (await family.EraseAsync(Caller!, cancellationToken) is { } refusal)
        {
            Invalid(nameof(Confirmed), refusal.Code == "account.active_place"
                ? "Ihr Kind hat einen Platz oder ein offenes Angebot. Geben Sie den Platz zuerst zurück oder beantworten Sie das Angebot; danach können Sie das Konto löschen."
                : "Das Konto konnte gerade nicht gelöscht werden. Bitte versuchen Sie es erneut.");
            return Page();
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        Notice = "Ihr Konto und die Daten Ihrer Kinder sind gelöscht.";
        return RedirectToPage("/Index");
    }
}
