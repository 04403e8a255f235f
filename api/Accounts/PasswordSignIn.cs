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

    /// <summary>
    /// Opens a family account, or, when the e-mail has one already, tells its owner by e-mail
    /// (outbox event <c>account.registration_repeated</c>) and leaves its password as it was. The
    /// caller gets the same answer either way (null), so nobody can probe which e-mails are
    /// registered; a password is hashed in both cases, so the answer takes as long. A refusal is
    /// only about the input (password rules, e-mail form, control characters).
    /// </summary>
    public async Task<Refusal?> RegisterFamilyAsync(TenantId tenant, string? email, string? password, string? displayName, CancellationToken cancellationToken)
    {
        if (PasswordRules.Problem(password) is { } problem)
        {
            return new Refusal("request.invalid", "The password does not meet the rules.", [new FieldProblem("password", problem)]);
        }

        var outcome = await accounts.OpenAsync(tenant, email ?? "", hasher.HashPassword(null!, password!), Role.Family, displayName ?? "", [], [], cancellationToken);
        if (outcome.Refusal is { Code: "account.exists" })
        {
            await accounts.NoteRepeatedRegistrationAsync(tenant, email!, cancellationToken);
            return null;
        }

        return outcome.Refusal;
    }
}
