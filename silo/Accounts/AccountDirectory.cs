using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Silo.Cluster;
using WebKita.Silo.ReadModels;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Accounts;

/// <summary>
/// Accounts of all tenants. An account's id is derived from tenant and normalised e-mail, so "one
/// account per e-mail" is one grain in the cluster, even for two registrations at the same moment.
/// Changes go to the account's Orleans grain as named commands; look-ups and lists read what the
/// grains published, except <see cref="FindLiveAsync"/>, which asks the grain.
/// </summary>
public sealed class AccountDirectory(IGrainFactory grains, StoreReadModel<Account> published, IGrainStore store, TimeProvider time)
{
    /// <summary>Outbox event type: an e-mail that has an account was registered again.</summary>
    public const string RegistrationRepeated = "account.registration_repeated";

    public static Guid IdFor(TenantId tenant, string email) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant.Value}/account/{Account.NormalizeEmail(email)}")).AsSpan(0, 16));

    /// <summary>Opens an account; an erased account's e-mail may be used again.</summary>
    public Task<Outcome<Account>> OpenAsync(
        TenantId tenant, string email, string passwordHash, Role role, string displayName,
        IReadOnlyList<Guid> schools, IReadOnlyList<Guid> buildings, CancellationToken cancellationToken, Actor? by = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Grain(tenant, IdFor(tenant, email)).OpenAsync(email, passwordHash, role, displayName, [.. schools], [.. buildings], by?.ChangedBy());
    }

    /// <summary>
    /// Somebody registered an e-mail that already has an account. The answer to the caller must not
    /// tell (account enumeration), so the owner learns it by e-mail: an <c>account.registration_repeated</c>
    /// event in the outbox (payload: accountId, email), delivered at least once. The account is not changed,
    /// so the event goes straight to the store's outbox, not through the grain.
    /// </summary>
    public Task NoteRepeatedRegistrationAsync(TenantId tenant, string email, CancellationToken cancellationToken)
    {
        var id = IdFor(tenant, email);
        var payload = JsonSerializer.Serialize(new { accountId = id, email = Account.NormalizeEmail(email) });
        var notice = new OutboxEntry(tenant.Value, RegistrationRepeated, id, time.GetUtcNow(), payload);
        return store.CommitAsync(new ChangeSet([], [notice], [], []), cancellationToken);
    }

    /// <summary>
    /// Records a sign-in attempt. <paramref name="passwordMatches"/> runs here, on the hash the
    /// grain holds (hashing is slow and stays out of the grain's turn); the grain applies the
    /// result only if that hash is still the account's, otherwise the check runs again.
    /// </summary>
    public async Task<(Account? Account, SignInResult Result)> SignInAsync(
        TenantId tenant, string email, Func<Account, bool> passwordMatches, CancellationToken cancellationToken)
    {
        var grain = Grain(tenant, IdFor(tenant, email));
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await grain.FindAsync() is not { } account)
            {
                return (null, SignInResult.Refused);
            }

            var matched = !account.IsDeleted && passwordMatches(account);
            if (await grain.RecordSignInAsync(account.PasswordHash, matched) is { } attempt)
            {
                return (attempt.Account, attempt.Result);
            }
        }
    }

    /// <summary>
    /// Sets a new password. With <paramref name="currentPasswordMatches"/> (run here on the hash
    /// the grain holds) the caller's current password must be right; without, as by the demo
    /// data, it is set as is.
    /// </summary>
    public async Task<Outcome<Account>> ChangePasswordAsync(
        TenantId tenant, Guid id, string newPasswordHash, Func<Account, bool>? currentPasswordMatches, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var grain = Grain(tenant, id);
        if (currentPasswordMatches is null)
        {
            return await grain.ChangePasswordAsync(newPasswordHash, null);
        }

        if (await grain.FindAsync() is not { IsDeleted: false } account)
        {
            return new Refusal("account.not_found", "There is no such account.");
        }

        return currentPasswordMatches(account)
            ? await grain.ChangePasswordAsync(newPasswordHash, account.PasswordHash)
            : new Refusal("account.password_wrong", "The current password is not right.", [new FieldProblem("currentPassword", "is not right")]);
    }

    /// <summary>Ends one session, or with null every session of the account.</summary>
    public Task<Outcome<Account>> EndSessionAsync(TenantId tenant, Guid id, Guid? session, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Grain(tenant, id).EndSessionAsync(session);
    }

    /// <summary>Replaces a family's guardians and children; <paramref name="fresh"/> holds one new id per sent child.</summary>
    public Task<Outcome<Account>> ReplaceFamilyAsync(
        TenantId tenant, Guid id, IReadOnlyList<Guardian> guardians, IReadOnlyList<FamilyChild> children, IReadOnlyList<Guid> fresh, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Grain(tenant, id).ReplaceFamilyAsync([.. guardians], [.. children], [.. fresh]);
    }

    public Task<Outcome<Account>> AddGuardianAsync(TenantId tenant, Guid id, Guardian guardian, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Grain(tenant, id).AddGuardianAsync(guardian);
    }

    public Task<Outcome<Account>> AddChildAsync(TenantId tenant, Guid id, FamilyChild child, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Grain(tenant, id).AddChildAsync(child);
    }

    public Task<Outcome<Account>> RemoveChildAsync(TenantId tenant, Guid id, Guid childId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Grain(tenant, id).RemoveChildAsync(childId);
    }

    public Task<Outcome<Account>> EraseAsync(TenantId tenant, Guid id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Grain(tenant, id).EraseAsync();
    }

    /// <summary>The account as published; a look-up of an unknown id activates nothing.</summary>
    public async Task<Account?> FindAsync(TenantId tenant, Guid id, CancellationToken cancellationToken) =>
        (await published.ReadAsync(tenant, id, cancellationToken))?.Value;

    /// <summary>
    /// The account as its grain holds it: from memory once the grain is active, so a signed-in
    /// request costs no database read, and a sign-out is seen at once by every process.
    /// </summary>
    public Task<Account?> FindLiveAsync(TenantId tenant, Guid id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Grain(tenant, id).FindAsync();
    }

    public Task<IReadOnlyList<Account>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        published.ListAsync(tenant, cancellationToken);

    private IAccountGrain Grain(TenantId tenant, Guid id) => grains.Grain<IAccountGrain>(id, tenant.Value);
}
