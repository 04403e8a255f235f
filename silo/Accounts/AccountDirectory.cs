using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Accounts;

/// <summary>
/// Accounts of all tenants. An account's id is derived from tenant and normalised e-mail, so "one
/// account per e-mail" is the store's primary key, even for two registrations at the same moment.
/// </summary>
public sealed class AccountDirectory(IGrainStore store, TimeProvider time, SiloOptions options) : IAsyncDisposable
{
    /// <summary>Outbox event type: an e-mail that has an account was registered again.</summary>
    public const string RegistrationRepeated = "account.registration_repeated";

    private static readonly Refusal NotFound = new("account.not_found", "There is no such account.");
    private readonly GrainDirectory<GrainKey, SingleGrainActivation<Account>> _activations = new();

    public static Guid IdFor(TenantId tenant, string email) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant.Value}/account/{Account.NormalizeEmail(email)}")).AsSpan(0, 16));

    /// <summary>Opens an account; an erased account's e-mail may be used again.</summary>
    public Task<Outcome<Account>> OpenAsync(
        TenantId tenant, string email, string passwordHash, Role role, string displayName,
        IReadOnlyList<Guid> schools, IReadOnlyList<Guid> buildings, CancellationToken cancellationToken, Actor? by = null)
    {
        var id = IdFor(tenant, email);
        var now = time.GetUtcNow();
        return Activation(tenant, id).SendAsync(
            existing => existing is { IsDeleted: false }
                ? new Refusal("account.exists", "An account with this e-mail exists already.")
                : Account.Open(tenant, id, email, passwordHash, role, displayName, schools, buildings, now),
            cancellationToken,
            by is null ? null : new AuditedAction(by, $"Open{role}Account"));
    }

    /// <summary>
    /// Somebody registered an e-mail that already has an account. The answer to the caller must not
    /// tell (account enumeration), so the owner learns it by e-mail: an <c>account.registration_repeated</c>
    /// event in the outbox (payload: accountId, email), delivered at least once. The account is not changed.
    /// </summary>
    public Task NoteRepeatedRegistrationAsync(TenantId tenant, string email, CancellationToken cancellationToken)
    {
        var id = IdFor(tenant, email);
        var payload = JsonSerializer.Serialize(new { accountId = id, email = Account.NormalizeEmail(email) });
        var notice = new OutboxEntry(tenant.Value, RegistrationRepeated, id, time.GetUtcNow(), payload);
        return store.CommitAsync(new ChangeSet([], [notice], [], []), cancellationToken);
    }

    /// <summary>Records a sign-in attempt; <paramref name="passwordMatches"/> runs inside the turn on the current hash.</summary>
    public async Task<(Account? Account, SignInResult Result)> SignInAsync(
        TenantId tenant, string email, Func<Account, bool> passwordMatches, CancellationToken cancellationToken)
    {
        var result = SignInResult.Refused;
        var now = time.GetUtcNow();
        var outcome = await Activation(tenant, IdFor(tenant, email)).SendAsync(
            account =>
            {
                if (account is null)
                {
                    return NotFound;
                }

                (account, result) = account.SignIn(!account.IsDeleted && passwordMatches(account), now);
                return Outcome<Account>.Done(account);
            },
            cancellationToken);
        return (outcome.Value, result);
    }

    public Task<Outcome<Account>> ChangeAsync(TenantId tenant, Guid id, Func<Account, Outcome<Account>> change, CancellationToken cancellationToken) =>
        Activation(tenant, id).SendAsync(account => account is { IsDeleted: false } ? change(account) : NotFound, cancellationToken);

    public async Task<Account?> FindAsync(TenantId tenant, Guid id, CancellationToken cancellationToken) =>
        await store.ReadAsync(Key(tenant, id), cancellationToken) is { } stored ? GrainJson.Deserialize<Account>(stored.State) : null;

    public async Task<IReadOnlyList<Account>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(tenant.Value, GrainKinds.Account, null, cancellationToken)).Select(s => GrainJson.Deserialize<Account>(s.State))];

    private SingleGrainActivation<Account> Activation(TenantId tenant, Guid id) =>
        _activations.Get(Key(tenant, id), key => new SingleGrainActivation<Account>(store, key, _ => null, options, time));

    private static GrainKey Key(TenantId tenant, Guid id) => new(tenant.Value, GrainKinds.Account, id);

    public ValueTask DisposeAsync() => _activations.DisposeAsync();
}
