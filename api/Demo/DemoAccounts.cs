using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Silo.Accounts;

namespace WebKita.Api.Demo;

/// <summary>
/// One account per role for trying the demo. Passwords are made fresh at every start and only
/// printed to the console, so no password lives in the repository or survives a restart.
/// </summary>
public sealed class DemoAccounts(AccountDirectory accounts, IPasswordHasher<Account> hasher)
{
    public const string FamilyEmail = "familie@demo.webkita.de";

    public sealed record Login(string Email, string Password, Role Role);

    public IReadOnlyList<Login> Logins { get; private set; } = [];

    public const string CountyAdminEmail = "kreis@demo.webkita.de";

    public async Task SeedAsync(TenantId tenant, Guid school, Guid building, CancellationToken cancellationToken)
    {
        var logins = new List<Login>();
        foreach (var (email, name, role) in new[]
        {
            (FamilyEmail, "Familie Becker", Role.Family),
            ("schule@demo.webkita.de", "Frau Schneider (Betreuung)", Role.SchoolStaff),
            (CountyAdminEmail, "Herr Wagner (Kreisverwaltung)", Role.CountyAdmin),
            ("hausmeister@demo.webkita.de", "Herr Yilmaz (Hausmeister)", Role.FacilityManager),
        })
        {
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
            var hash = hasher.HashPassword(null!, password);
            var opened = await accounts.OpenAsync(tenant, email, hash, role, name, role == Role.SchoolStaff ? [school] : [], role == Role.FacilityManager ? [building] : [], cancellationToken);
            if (opened.Refusal is { Code: "account.exists" })
            {
                await accounts.ChangePasswordAsync(tenant, AccountDirectory.IdFor(tenant, email), hash, null, cancellationToken);
            }

            logins.Add(new Login(email, password, role));
        }

        Logins = logins;
    }
}
