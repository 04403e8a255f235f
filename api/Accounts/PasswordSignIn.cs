using Microsoft.AspNetCore.Identity;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Silo.Accounts;
using SignInResult = WebKita.Grains.Accounts.SignInResult;

namespace WebKita.Api.Accounts;

/// <summary>
/// Checks an e-mail and password for the JSON sign-in and the sign-in page alike. Unknown e-mail,
/// wrong password and erased account all answer <see cref="SignInResult.Refused"/>, and cost the
/// same hashing time, so neither the answer nor its timing tells which e-mails exist.
/// </summary>
public sealed class PasswordSignIn(AccountDirectory accounts, IPasswordHasher<Account> hasher)
{
    public async Task<(Account? Account, SignInResult Result)> SignInAsync(TenantId tenant, string? email, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || password.Length > PasswordRules.MaxLength)
        {
            return (null, SignInResult.Refused);
        }

        var checkedPassword = false;
        var (account, result) = await accounts.SignInAsync(
            tenant,
            email,
            candidate =>
            {
                checkedPassword = true;
                return hasher.VerifyHashedPassword(candidate, candidate.PasswordHash, password) != PasswordVerificationResult.Failed;
            },
            cancellationToken);
        if (!checkedPassword)
        {
            hasher.VerifyHashedPassword(null!, DummyHash.Value(hasher), password);
        }

        return (account, result);
    }

    /// <summary>Opens a family account; the password rules are checked before anything is hashed.</summary>
    public async Task<Outcome<Account>> RegisterFamilyAsync(TenantId tenant, string? email, string? password, string? displayName, CancellationToken cancellationToken)
    {
        if (PasswordRules.Problem(password) is { } problem)
        {
            return new Refusal("request.invalid", "The password does not meet the rules.", [new FieldProblem("password", problem)]);
        }

        return await accounts.OpenAsync(tenant, email ?? "", hasher.HashPassword(null!, password!), Role.Family, displayName ?? "", [], [], cancellationToken);
    }
}
