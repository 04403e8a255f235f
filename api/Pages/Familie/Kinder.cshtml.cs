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
        return await ChangeAsync(() => accounts.AddChildAsync(Site.Id, Caller!.AccountId, child, cancellationToken), $"{child.FirstName} ist eingetragen.", cancellationToken);
    }

    public async Task<IActionResult> OnPostSorgeberechtigteAsync(CancellationToken cancellationToken)
    {
        var guardian = new Guardian(FirstName?.Trim() ?? "", LastName?.Trim() ?? "", string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim());
        return await ChangeAsync(() => accounts.AddGuardianAsync(Site.Id, Caller!.AccountId, guardian, cancellationToken), $"{guardian.FirstName} {guardian.LastName} ist eingetragen.", cancellationToken);
    }

    public Task<IActionResult> OnPostKindEntfernenAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(() => accounts.RemoveChildAsync(Site.Id, Caller!.AccountId, id, cancellationToken), "Das Kind ist ausgetragen.", cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<Task<Outcome<Account>>> change, string done, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            // Only valid input is sent to the account.
            var outcome = await change();
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
