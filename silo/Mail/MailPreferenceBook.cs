using WebKita.Grains.Common;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Mail;

/// <summary>
/// Every account's mail preferences, one small grain each, read and written straight to the store
/// (rare, and last write wins: a preference is what the person said most recently).
/// </summary>
public sealed class MailPreferenceBook(IGrainStore store)
{
    public async Task<MailPreferences> ReadAsync(TenantId tenant, Guid accountId, CancellationToken cancellationToken) =>
        await store.ReadAsync(Key(tenant, accountId), cancellationToken) is { } stored
            ? GrainJson.Deserialize<MailPreferences>(stored.State)
            : MailPreferences.Default(tenant, accountId);

    /// <summary>Applies a change to the current preferences; retried on a concurrent write, so two changes never undo each other.</summary>
    public async Task<MailPreferences> ChangeAsync(TenantId tenant, Guid accountId, Func<MailPreferences, MailPreferences> change, CancellationToken cancellationToken)
    {
        var key = Key(tenant, accountId);
        while (true)
        {
            var stored = await store.ReadAsync(key, cancellationToken);
            var current = stored is null ? MailPreferences.Default(tenant, accountId) : GrainJson.Deserialize<MailPreferences>(stored.State);
            var changed = change(current);
            try
            {
                await store.CommitAsync(new ChangeSet([new GrainWrite(key, stored?.Version ?? 0, GrainJson.Serialize(changed))], [], [], []), cancellationToken);
                return changed;
            }
            catch (StaleWriteException)
            {
            }
        }
    }

    public static GrainKey Key(TenantId tenant, Guid accountId) => new(tenant.Value, MailKinds.Preferences, accountId);
}
