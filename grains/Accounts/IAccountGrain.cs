using WebKita.Grains.Common;

namespace WebKita.Grains.Accounts;

/// <summary>
/// One account, keyed by its id and its tenant (<c>GetGrain&lt;IAccountGrain&gt;(id, tenant)</c>);
/// the id is derived from tenant and e-mail by the account directory. Each change is a named
/// command (a delegate cannot cross a grain call). Password checks happen at the caller, against
/// the hash it names: a command whose hash is no longer the account's is not applied, so the
/// outcome is as if the check had run inside the turn. Changes to a missing or erased account
/// answer <c>account.not_found</c>.
/// </summary>
[Alias("webkita.IAccountGrain")]
public interface IAccountGrain : IGrainWithGuidCompoundKey
{
    /// <summary>Opens the account; an erased account's e-mail may be used again.</summary>
    [Alias("Open")]
    Task<Outcome<Account>> OpenAsync(
        string email, string passwordHash, Role role, string displayName, IReadOnlyList<Guid> schools, IReadOnlyList<Guid> buildings, ChangedBy? by);

    [Alias("Find")]
    Task<Account?> FindAsync();

    /// <summary>
    /// Records a sign-in attempt whose password check against <paramref name="checkedHash"/> came
    /// out as <paramref name="passwordMatched"/>. Null when the account's hash is no longer
    /// <paramref name="checkedHash"/> (the caller checks again); no account answers Refused.
    /// </summary>
    [Alias("RecordSignIn")]
    Task<SignInAttempt?> RecordSignInAsync(string checkedHash, bool passwordMatched);

    /// <summary>
    /// Sets a new password hash, ending every session. With <paramref name="checkedHash"/> the
    /// caller verified the current password against that hash; if it is no longer the account's,
    /// the answer is <c>account.password_wrong</c>.
    /// </summary>
    [Alias("ChangePassword")]
    Task<Outcome<Account>> ChangePasswordAsync(string newPasswordHash, string? checkedHash);

    /// <summary>Ends one session (signing out on one device), or with null every session.</summary>
    [Alias("EndSession")]
    Task<Outcome<Account>> EndSessionAsync(Guid? session);

    /// <summary>Replaces guardians and children; see <see cref="Account.ReplaceFamily"/>.</summary>
    [Alias("ReplaceFamily")]
    Task<Outcome<Account>> ReplaceFamilyAsync(IReadOnlyList<Guardian> guardians, IReadOnlyList<FamilyChild> children, IReadOnlyList<Guid> fresh);

    [Alias("AddGuardian")]
    Task<Outcome<Account>> AddGuardianAsync(Guardian guardian);

    [Alias("AddChild")]
    Task<Outcome<Account>> AddChildAsync(FamilyChild child);

    [Alias("RemoveChild")]
    Task<Outcome<Account>> RemoveChildAsync(Guid childId);

    /// <summary>Removes personal data and ends every session; see <see cref="Account.Erase"/>.</summary>
    [Alias("Erase")]
    Task<Outcome<Account>> EraseAsync();
}
