using System.Security.Cryptography;
using WebKita.Grains.Common;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Alerts;

/// <summary>Webhooks of all tenants and their deliveries; reads and writes straight to the store (both rare).</summary>
/// Secrets are sealed at rest (<see cref="WebhookSecrets"/>); every webhook this class returns carries its plain secret.
public sealed class WebhookRegistry(IGrainStore store, WebhookSecrets secrets, SiloOptions options, TimeProvider time)
{
    /// <summary>Registers a webhook with a fresh secret; the answer is the only place the secret is shown.</summary>
    public async Task<Outcome<Webhook>> CreateAsync(TenantId tenant, Uri url, IReadOnlyList<string> eventTypes, Actor by, CancellationToken cancellationToken)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http") || eventTypes.Any(t => !t.StartsWith("sue.", StringComparison.Ordinal) || t.Length > 100))
        {
            return new Refusal("webhook.invalid", "The webhook is not valid.", [new("url", "must be an absolute http(s) URL; eventTypes must start with 'sue.'")]);
        }

        if (!options.WebhooksMayReachInternalAddresses && WebhookAddresses.NamesInternalHost(url))
        {
            return new Refusal("webhook.internal_address", "Webhooks must call a public address.", [new("url", "must not name localhost or a loopback, private or link-local address")]);
        }

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var webhook = new Webhook(tenant, Guid.NewGuid(), url, secret, [.. eventTypes], time.GetUtcNow());
        var audit = new AuditEntry(tenant.Value, by.AccountId, by.Role.ToString(), "CreateWebhook", GrainKinds.Webhook, webhook.Id, null, webhook.CreatedAt, "{}");
        await store.CommitAsync(new ChangeSet([new GrainWrite(Key(tenant, webhook.Id), 0, Sealed(webhook))], [], [], [], [audit]), cancellationToken);
        return Outcome<Webhook>.Done(webhook);
    }

    public async Task<IReadOnlyList<Webhook>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(tenant.Value, GrainKinds.Webhook, null, cancellationToken)).Select(s => Opened(s).Webhook).OrderBy(w => w.CreatedAt)];

    public async Task<Webhook?> FindAsync(TenantId tenant, Guid id, CancellationToken cancellationToken) =>
        await store.ReadAsync(Key(tenant, id), cancellationToken) is { } stored ? Opened(stored).Webhook : null;

    /// <summary>
    /// Seals the tenant's secrets that are stored in plain text (versions before encryption at rest)
    /// or under a key that is no longer the default; the api runs it for every tenant at start.
    /// Idempotent and safe beside other processes: a row someone else wrote meanwhile is left to them.
    /// </summary>
    /// <returns>How many secrets were sealed anew, and how many cannot be opened (their key was revoked or lost).</returns>
    public async Task<(int Sealed, int Unreadable)> SealStoredSecretsAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var sealedAnew = 0;
        var unreadable = 0;
        foreach (var stored in await store.ListAsync(tenant.Value, GrainKinds.Webhook, null, cancellationToken))
        {
            var (webhook, needsSealing) = Opened(stored);
            unreadable += webhook.Secret == WebhookSecrets.Unreadable ? 1 : 0;
            if (!needsSealing)
            {
                continue;
            }

            try
            {
                await store.CommitAsync(new ChangeSet([new GrainWrite(stored.Key, stored.Version, Sealed(webhook))], [], [], []), cancellationToken);
                sealedAnew++;
            }
            catch (StaleWriteException)
            {
                // Another process sealed it first.
            }
        }

        return (sealedAnew, unreadable);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(TenantId tenant, Guid webhookId, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(tenant.Value, GrainKinds.WebhookDelivery, webhookId, cancellationToken))
            .Select(s => GrainJson.Deserialize<WebhookDelivery>(s.State)).OrderBy(d => d.Sequence)];

    private string Sealed(Webhook webhook) => GrainJson.Serialize(webhook with { Secret = secrets.Seal(webhook.Secret) });

    /// <summary>The webhook with its plain secret, or with <see cref="WebhookSecrets.Unreadable"/> when its key was revoked or lost (lists still show it).</summary>
    private (Webhook Webhook, bool NeedsSealing) Opened(StoredGrain stored)
    {
        var webhook = GrainJson.Deserialize<Webhook>(stored.State);
        try
        {
            var (secret, needsSealing) = secrets.Open(webhook.Secret);
            return (webhook with { Secret = secret }, needsSealing);
        }
        catch (CryptographicException)
        {
            return (webhook with { Secret = WebhookSecrets.Unreadable }, false);
        }
    }

    public static GrainKey Key(TenantId tenant, Guid id) => new(tenant.Value, GrainKinds.Webhook, id);

    public static GrainKey DeliveryKey(TenantId tenant, Guid id) => new(tenant.Value, GrainKinds.WebhookDelivery, id);
}
