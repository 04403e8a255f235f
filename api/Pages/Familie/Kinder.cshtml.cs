using Microsoft.AspNetCore.Mvc;
using WebKita.Api.Pages.Site;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Silo.Accounts;

namespace WebKita.Api.Pages.Familie;

/// <summary>Guardians and children on the family's account; the account decides what is valid, as for PUT /me/family.</summary>
public sealed class KinderModel(SiteTenant site, AccountDirectory accounts) : SitePage(site)
{
    public Account? Account { get; private set; }

    [BindProperty]
    public string? FirstName { get; set; }

    [BindProperty]
    public string? LastName { get; set; }

    [BindProperty]
    public DateOnly? BirthDate { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Account = await accounts.FindAsync(Site.Id, Caller!.AccountId, cancellationToken);

    public async Task<IActionResult> OnPostKindAsync(CancellationToken cancellationToken)
    {
        if (BirthDate is not { Year: >= 2000 and <= 2100 })
        {
            Invalid(nameof(BirthDate), "Bitte geben Sie das Geburtsdatum an.");
        }

        var child = new FamilyChild(Guid.NewGuid(), FirstName?.Trim() ?? "", LastName?.Trim() ?? "", BirthDate ?? default);
        return await ChangeAsync(a => a.SetFamily(a.Guardians, [.. a.Children, child]), $"{child.FirstName} ist eingetragen.", cancellationToken);
    }

    public async Task<IActionResult> OnPostSorgeberechtigteAsync(CancellationToken cancellationToken)
    {
        var guardian = new Guardian(FirstName?.Trim() ?? "", LastName?.Trim() ?? "", string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim());
        return await ChangeAsync(a => a.SetFamily([.. a.Guardians, guardian], a.Children), $"{guardian.FirstName} {guardian.LastName} ist eingetragen.", cancellationToken);
    }

    public Task<IActionResult> OnPostKindEntfernenAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(a => a.SetFamily(a.Guardians, [.. a.Children.Where(c => c.Id != id)]), "Das Kind ist ausgetragen.", cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<Account, Outcome<Account>> change, string done, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await accounts.ChangeAsync(Site.Id, Caller!.AccountId, change, cancellationToken);
            if (outcome.Refusal is not { } refusal)
            {
                Notice = done;
                return RedirectToPage();
            }

            foreach (var field in refusal.Fields ?? [])
            {
                Invalid(nameof(FirstName), GermanFieldMessages.For(field.Field, field.Message));
            }
        }

        Account = await accounts.FindAsync(Site.Id, Caller!.AccountId, cancellationToken);
        return Page();
    }
}
