using Microsoft.AspNetCore.Mvc;
using WebKita.Api.Accounts;
using WebKita.Api.Pages.Site;
using WebKita.Grains.Accounts;
using WebKita.Grains.Buildings;
using WebKita.Grains.Schools;
using WebKita.Silo.Accounts;
using WebKita.Silo.Buildings;
using WebKita.Silo.Schools;

namespace WebKita.Api.Pages.Verwaltung;

/// <summary>The county's staff, admin and facility manager accounts, opened through the same service as POST /accounts.</summary>
public sealed class KontenModel(SiteTenant site, AccountDirectory accounts, SchoolDirectory schools, BuildingDirectory buildings, StaffAccounts staffAccounts) : SitePage(site)
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public Role? Role { get; set; }

    [BindProperty]
    public List<Guid> SchoolIds { get; set; } = [];

    [BindProperty]
    public List<Guid> BuildingIds { get; set; } = [];

    public IReadOnlyList<Account> Accounts { get; private set; } = [];

    public int Families { get; private set; }

    public IReadOnlyList<School> Schools { get; private set; } = [];

    public IReadOnlyList<Building> Buildings { get; private set; } = [];

    public string Names(IEnumerable<Guid> ids, bool ofBuildings) => string.Join(", ", ids.Select(id => ofBuildings
        ? Buildings.FirstOrDefault(b => b.Id == id)?.Name ?? "?"
        : Schools.FirstOrDefault(s => s.Id == id)?.Name ?? "?"));

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var request = new StaffRequest(Email?.Trim(), Password, DisplayName?.Trim(), Role, SchoolIds, BuildingIds);
        var (outcome, errors) = await staffAccounts.OpenAsync(Caller!, request, cancellationToken);
        if (outcome?.Value is { } account)
        {
            Notice = $"Das Konto für {account.DisplayName} ({account.Email}) ist angelegt.";
            return RedirectToPage();
        }

        foreach (var field in errors.Keys)
        {
            Invalid(field == "role" ? nameof(Role) : field == "password" ? nameof(Password) : nameof(SchoolIds), field switch
            {
                "role" => "Bitte wählen Sie eine Rolle.",
                "password" => $"Das Passwort muss {PasswordRules.MinLength} bis {PasswordRules.MaxLength} Zeichen lang sein.",
                _ => "Bitte wählen Sie Schulen dieses Landkreises.",
            });
        }

        if (outcome?.Refusal is { } refusal)
        {
            Invalid(nameof(Email), refusal.Code == "account.exists"
                ? "Für diese E-Mail-Adresse gibt es schon ein Konto."
                : "Bitte geben Sie eine gültige E-Mail-Adresse und einen Namen an (höchstens 200 Zeichen).");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var all = (await accounts.ListAsync(Site.Id, cancellationToken)).Where(a => !a.IsDeleted).ToList();
        Families = all.Count(a => a.Role == Grains.Accounts.Role.Family);
        Accounts = [.. all.Where(a => a.Role != Grains.Accounts.Role.Family).OrderBy(a => a.Role).ThenBy(a => a.DisplayName, StringComparer.OrdinalIgnoreCase)];
        Schools = [.. (await schools.ListAsync(Site.Id, cancellationToken)).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)];
        Buildings = [.. (await buildings.ListAsync(Site.Id, null, cancellationToken)).OrderBy(b => b.Name, StringComparer.OrdinalIgnoreCase)];
    }
}
