using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using WebKita.Grains.Alerts;
using WebKita.Grains.Common;
using WebKita.Silo.Cluster;
using WebKita.Silo.ReadModels;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Alerts;

/// <summary>
/// Webhooks of all tenants and their deliveries. A change goes to the webhook's Orleans grain (one
/// activation in the cluster, answered once durable and published); reads go to what the grains
/// published. Secrets are sealed here before they reach the grain (<see cref="WebhookSecrets"/>);
/// every webhook this class returns carries its plain secret.
/// </summary>
public sealed partial class WebhookRegistry(
    IGrainFactory grains, StoreReadModel<Webhook> published, IGrainStore store, WebhookSecrets secrets, SiloOptions options, ILogger<WebhookRegistry> logger)
{
    /// <summary>
    /// Registers webhook <paramref name="id"/> with a fresh secret; the answer is the only place the
    /// secret is shown. If the id exists, refuses with <c>webhook.exists</c> and changes nothing.
    /// </summary>
    public async Task<Outcome<Webhook>> CreateAsync(TenantId tenant, Guid id, Uri url, IReadOnlyList<string> eventTypes, Actor by, CancellationToken cancellationToken)
    {
        // Checked before a secret is made; the grain validates again, as the authority.
        if (Webhook.Validate(url, eventTypes) is { } invalid)
        {
            return invalid;
        }

        if (!options.WebhooksMayReachInternalAddresses && WebhookAddresses.NamesInternalHost(url))
        {
            return new Refusal("webhook.internal_address", "Webhooks must call a public address.", [new("url", "must not name localhost or a loopback, private or link-local address")]);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var outcome = await Grain(tenant, id).CreateAsync(url, secrets.Seal(secret), eventTypes, by.ChangedBy());
        return outcome.Value is { } webhook ? webhook with { Secret = secret } : outcome;
    }

    public async Task<IReadOnlyList<Webhook>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        [.. (await published.ListAsync(tenant, cancellationToken)).Select(w => Opened(w).Webhook).OrderBy(w => w.CreatedAt)];

    public async Task<Webhook?> FindAsync(TenantId tenant, Guid id, CancellationToken cancellationToken) =>
        await published.ReadAsync(tenant, id, cancellationToken) is { } row ? Opened(row.Value).Webhook : null;

    /// <summary>
    /// Seals the tenant's secrets that are stored in plain text (versions before encryption at rest)
    /// or under a key that is no longer the default, through each webhook's grain; the api runs it
    /// for every tenant at start. Idempotent and safe beside other processes: a secret someone else
    /// wrote meanwhile is left to them. A storage failure is thrown, not counted.
    /// </summary>
    /// <returns>How many secrets were sealed anew, and how many cannot be opened (their key was revoked or lost).</returns>
    public async Task<(int Sealed, int Unreadable)> SealStoredSecretsAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var sealedAnew = 0;
        var unreadable = 0;
        foreach (var stored in await published.ListAsync(tenant, cancellationToken))
        {
            var (webhook, needsSealing) = Opened(stored);
            unreadable += webhook.Secret == WebhookSecrets.Unreadable ? 1 : 0;
            if (!needsSealing)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var resealed = await Grain(tenant, stored.Id).ResealAsync(stored.Secret, secrets.Seal(webhook.Secret));
            if (!resealed.IsRefused)
            {
                sealedAnew++;
            }
            else if ((await published.ReadAsync(tenant, stored.Id, cancellationToken))?.Value.Secret == stored.Secret)
            {
                // The grain holds another secret than its published row, which has not moved: a process of
                // the version before Orleans wrote the row around the grain (a rolling upgrade). Both open
                // to the same secret; overwriting either could undo the other's write, so leave it.
                Log.WrittenAroundTheGrain(logger, tenant.Value, stored.Id);
            }

            // Otherwise the row moved on: another process sealed it first.
        }

        return (sealedAnew, unreadable);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(TenantId tenant, Guid webhookId, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(tenant.Value, GrainKinds.WebhookDelivery, webhookId, cancellationToken))
            .Select(s => GrainJson.Deserialize<WebhookDelivery>(s.State)).OrderBy(d => d.Sequence)];

    /// <summary>The webhook with its plain secret, or with <see cref="WebhookSecrets.Unreadable"/> when its key was revoked or lost (lists still show it).</summary>
    private (Webhook Webhook, bool NeedsSealing) Opened(Webhook stored)
    {
        try
        {
            var (secret, needsSealing) = secrets.Open(stored.Secret);
            return (stored with { Secret = secret }, needsSealing);
        }
        catch (CryptographicException)
        {
            return (stored with { Secret = WebhookSecrets.Unreadable }, false);
        }
    }

    private IWebhookGrain Grain(TenantId tenant, Guid id) => grains.Grain<IWebhookGrain>(id, tenant.Value);

    public static GrainKey Key(TenantId tenant, Guid id) => new(tenant.Value, GrainKinds.Webhook, id);

    public static GrainKey DeliveryKey(TenantId tenant, Guid id) => new(tenant.Value, GrainKinds.WebhookDelivery, id);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "The secret of webhook {Tenant}/{Id} was written around its grain, by a process of an earlier version; both open to the same secret, and the row is left as it is")]
        public static partial void WrittenAroundTheGrain(ILogger logger, string tenant, Guid id);
    }
}
