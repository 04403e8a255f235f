using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using WebKita.Api.Pages.Site;

namespace WebKita.Api.Pages.Konto;

/// <summary>Sign-out is a form post (with antiforgery), so no link can sign anyone out.</summary>
public sealed class AbmeldenModel(SiteTenant site) : SitePage(site)
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        Notice = "Sie sind ausgeloggt.";
        return RedirectToPage("/Index");
    }
}
