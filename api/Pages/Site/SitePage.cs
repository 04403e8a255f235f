using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebKita.Api.Accounts;

namespace WebKita.Api.Pages.Site;

/// <summary>A page of the county's site: its tenant, the signed-in caller, and one status line carried across a redirect.</summary>
public abstract class SitePage(SiteTenant site) : PageModel
{
    public SiteTenant Site { get; } = site;

    /// <summary>What the last form did, shown once after post/redirect/get.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>The caller when signed in to this site's tenant; a session of another tenant counts as nobody.</summary>
    public Caller? Caller => Accounts.Caller.From(User) is { } caller && caller.Tenant == Site.Id ? caller : null;

    /// <summary>
    /// The folder rules check the role; this checks the tenant: an account of another county may
    /// read the public pages, but any other page refuses it before a handler runs.
    /// </summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (Caller is null && User.Identity?.IsAuthenticated == true
            && context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null)
        {
            context.Result = Forbid();
        }
    }

    /// <summary>Adds an error to a field by the name its input carries, so the page ties the message to the input.</summary>
    protected void Invalid(string field, string message) => ModelState.AddModelError(field, message);

    /// <summary>The id of a field's error message, for the input's aria-describedby; null while the field is valid.</summary>
    public string? ErrorIdFor(string field) => HasError(field) ? $"{field}-fehler" : null;

    /// <summary>"true" for the input's aria-invalid; null (no attribute) while the field is valid.</summary>
    public string? InvalidFor(string field) => HasError(field) ? "true" : null;

    /// <summary>The field's messages in an element the input names in aria-describedby; nothing while the field is valid.</summary>
    public IHtmlContent ErrorFor(string field)
    {
        if (!HasError(field))
        {
            return HtmlString.Empty;
        }

        var messages = string.Join(" ", ModelState[field]!.Errors.Select(e => HtmlEncoder.Default.Encode(e.ErrorMessage)));
        return new HtmlString($"<p class=\"fehler\" id=\"{field}-fehler\"><span class=\"hinweiswort\">Fehler:</span> {messages}</p>");
    }

    private bool HasError(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0;
}
