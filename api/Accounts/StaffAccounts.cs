using Microsoft.AspNetCore.Identity;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Silo.Accounts;
using WebKita.Silo.Schools;

namespace WebKita.Api.Accounts;

/// <summary>Accounts the county opens (staff, admins, facility managers), for the JSON endpoint and the county's pages alike.</summary>
public sealed class StaffAccounts(AccountDirectory accounts, SchoolDirectory schools, IPasswordHasher<Account> hasher)
{
    /// <summary>Null outcome: field errors, keyed by the JSON field names; otherwise the account or the directory's refusal (e-mail taken, details not valid).</summary>
    public async Task<(Outcome<Account>? Outcome, Dictionary<string, string[]> Errors)> OpenAsync(Caller caller, StaffRequest request, CancellationToken cancellationToken)
    {
        if (request.Role is null or Role.Family)
        {
            return (null, new() { ["role"] = ["must be SchoolStaff, CountyAdmin or FacilityManager"] });
        }

        if (PasswordRules.Problem(request.Password) is { } problem)
        {
            return (null, new() { ["password"] = [problem] });
        }

        foreach (var school in request.Schools ?? [])
        {
            if (await schools.FindAsync(caller.Tenant, school, cancellationToken) is null)
            {
                return (null, new() { ["schools"] = [$"{school} is no school of this tenant"] });
            }
        }

        var outcome = await accounts.OpenAsync(
            caller.Tenant, request.Email ?? "", hasher.HashPassword(null!, request.Password!), request.Role.Value, request.DisplayName ?? "",
            request.Schools ?? [], request.Buildings ?? [], cancellationToken, caller.ToActor());
        return (outcome, []);
    }
}
