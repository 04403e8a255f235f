using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using WebKita.Api.Accounts;
using WebKita.Api.Applications;
using WebKita.Api.Pages.Site;
using WebKita.Grains.Accounts;
using WebKita.Grains.Offerings;
using WebKita.Silo.Accounts;
using WebKita.Silo.Registration;

namespace WebKita.Api.Pages.Familie;

/// <summary>
/// Applies for a child of the family's account, first come first served. The form carries an
/// idempotency key made when it was shown, so a double click or a resent form finds the same
/// application instead of making a second one.
/// </summary>
[EnableRateLimiting(RateLimits.Submit)]
public sealed class AnmeldenModel(SiteTenant site, ApplicationDesk desk, RegistrationDirectory registration, AccountDirectory accounts, TimeProvider time)
    : SitePage(site)
{
    [BindProperty(SupportsGet = true)]
    public Guid Angebot { get; set; }

    [BindProperty]
    public Guid? ChildId { get; set; }

    [BindProperty]
    public int? Grade { get; set; }

    [BindProperty]
    public string Key { get; set; } = "";

    public Offering? Offering { get; private set; }

    public IReadOnlyList<FamilyChild> Children { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Key = Guid.NewGuid().ToString("N");
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Key is not { Length: > 0 and <= 64 })
        {
            Key = Guid.NewGuid().ToString("N");
        }

        var (reply, errors) = await desk.SubmitAsync(Caller!, Angebot, Key, new ApplicationRequest(null, ChildId, Grade), cancellationToken);
        if (reply is null)
        {
            foreach (var (field, messages) in errors)
            {
                Invalid(field == "childId" ? nameof(ChildId) : nameof(Grade), GermanFieldMessages.For(field, string.Join(" ", messages)));
            }

            return Page();
        }

        if (reply.Refusal is { } refusal)
        {
            Invalid("", refusal.Code switch
            {
                "registration.not_open" => "Die Anmeldung für dieses Angebot ist noch nicht geöffnet.",
                "registration.closed" => "Die Anmeldung für dieses Angebot ist geschlossen.",
                "application.grade_not_offered" => "Das Angebot ist für diese Klassenstufe nicht vorgesehen.",
                _ => "Die Anmeldung ist nicht möglich. Bitte prüfen Sie die Angaben oder wenden Sie sich an die Schule.",
            });
            return Page();
        }

        var child = Children.First(c => c.Id == ChildId);
        var text = StatusText.Of(reply.Application!.Status, reply.WaitlistPosition, reply.Application.OfferExpiresAt, reply.Application.Reason);
        Notice = $"Anmeldung für {child.FirstName} eingegangen. Status: {text.Label}. {text.Detail}";
        return RedirectToPage("/Familie/Index");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var offering = await registration.FindOfferingAsync(Site.Id, Angebot, cancellationToken);
        if (offering is null)
        {
            return false;
        }

        Offering = offering.AsOf(time.GetUtcNow());
        Children = (await accounts.FindAsync(Site.Id, Caller!.AccountId, cancellationToken))?.Children ?? [];
        return true;
    }
}
