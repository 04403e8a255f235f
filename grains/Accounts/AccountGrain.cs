using Microsoft.Extensions.Logging;
using WebKita.Grains.Common;

namespace WebKita.Grains.Accounts;

/// <summary>
/// Hosts an <see cref="Account"/>: decides each command with its pure methods, writes, publishes
/// to the account rows (lists, mails and look-ups read those). Signed-in requests ask it for the
/// account, so once active it answers sessions from memory.
/// </summary>
public sealed class AccountGrain(
    [PersistentState("account", GrainStorage.Name)] IPersistentState<PublishedState<Account>> state,
    IReadModel<Account> accounts,
    TimeProvider time,
    ILogger<AccountGrain> logger) : PublishingGrain<Account>(Kind, state, accounts, time, logger), IAccountGrain
{
    /// <summary>The kind the audit log and the read model name accounts by; part of the schema.</summary>
    public const string Kind = "account";

    private static readonly Refusal NotFound = new("account.not_found", "There is no such account.");

    public Task<Outcome<Account>> OpenAsync(
        string email, string passwordHash, Role role, string displayName, IReadOnlyList<Guid> schools, IReadOnlyList<Guid> buildings, ChangedBy? by)
    {
        var (tenant, id) = Subject;
        return ChangeAsync(
            existing => existing is { IsDeleted: false }
                ? new Refusal("account.exists", "An account with this e-mail exists already.")
                : Account.Open(tenant, id, email, passwordHash, role, displayName, schools, buildings, Time.GetUtcNow()),
            $"Open{role}Account",
            by);
    }

    public Task<Account?> FindAsync() => Task.FromResult(Current);

    public async Task<SignInAttempt?> RecordSignInAsync(string checkedHash, bool passwordMatched)
    {
        if (Current is not { } account)
        {
            return new SignInAttempt(null, SignInResult.Refused);
        }

        if (account.PasswordHash != checkedHash)
        {
            return null;
        }

        var result = SignInResult.Refused;
        var outcome = await ChangeAsync(
            current =>
            {
                (var next, result) = current!.SignIn(passwordMatched, Time.GetUtcNow());

                // A sign-in that changes nothing (no failures to reset) writes nothing.
                return next == current ? current : next;
            },
            "SignIn",
            null);
        return new SignInAttempt(outcome.Value, result);
    }

    public Task<Outcome<Account>> ChangePasswordAsync(string newPasswordHash, string? checkedHash) =>
        Change(account => checkedHash is not null && account.PasswordHash != checkedHash
            ? new Refusal("account.password_wrong", "The current password is not right.", [new FieldProblem("currentPassword", "is not right")])
            : account.ChangePassword(newPasswordHash));

    public Task<Outcome<Account>> EndSessionAsync(Guid? session) =>
        Change(account => session is { } s ? account.EndSession(s) : account.EndSessions());

    public Task<Outcome<Account>> ReplaceFamilyAsync(IReadOnlyList<Guardian> guardians, IReadOnlyList<FamilyChild> children, IReadOnlyList<Guid> fresh) =>
        Change(account => account.ReplaceFamily(guardians, children, fresh));

    public Task<Outcome<Account>> AddGuardianAsync(Guardian guardian) =>
        Change(account => account.SetFamily([.. account.Guardians, guardian], account.Children));

    public Task<Outcome<Account>> AddChildAsync(FamilyChild child) =>
        Change(account => account.SetFamily(account.Guardians, [.. account.Children, child]));

    public Task<Outcome<Account>> RemoveChildAsync(Guid childId) =>
        Change(account => account.SetFamily(account.Guardians, [.. account.Children.Where(c => c.Id != childId)]));

    public Task<Outcome<Account>> EraseAsync() => Change(account => account.Erase(Time.GetUtcNow()));

    /// <summary>A family's or account owner's own change: not audited, refused on a missing or erased account.</summary>
    private Task<Outcome<Account>> Change(Func<Account, Outcome<Account>> decide) =>
        ChangeAsync(account => account is { IsDeleted: false } ? decide(account) : NotFound, "ChangeAccount", null);
}
