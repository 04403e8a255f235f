using WebKita.Api.Tenants;
using WebKita.Grains.Common;
using WebKita.Silo.Alerts;

namespace WebKita.Api.Webhooks;

/// <summary>
/// Migrates webhook secrets on start: plain-text rows from versions before encryption at rest, and
/// rows sealed under a key that is no longer the default, are sealed with the current key. Until
/// then such rows keep working (the registry opens both), so the order of processes restarting
/// does not matter. After every process has restarted once, a retired key may be revoked. A
/// storage failure fails the start: a process that reported its secrets sealed when they were not
/// would let an operator revoke a key still needed.
/// </summary>
public sealed partial class WebhookSecretSealing(TenantCatalog tenants, WebhookRegistry webhooks, ILogger<WebhookSecretSealing> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var tenant in tenants.Ids.Order(StringComparer.Ordinal))
        {
            var (sealedAnew, unreadable) = await webhooks.SealStoredSecretsAsync(new TenantId(tenant), cancellationToken);
            if (sealedAnew > 0)
            {
                Log.Sealed(logger, sealedAnew, tenant);
            }

            if (unreadable > 0)
            {
                // The rest of the api still serves; these webhooks' deliveries fail until the key is back.
                Log.Unreadable(logger, unreadable, tenant);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Sealed {Count} webhook secrets of tenant {Tenant} with the current key.")]
        public static partial void Sealed(ILogger logger, int count, string tenant);

        [LoggerMessage(Level = LogLevel.Error, Message = "{Count} webhook secrets of tenant {Tenant} cannot be opened: their key was revoked or is missing. Their deliveries fail until the key is restored or the webhooks are registered again.")]
        public static partial void Unreadable(ILogger logger, int count, string tenant);
    }
}
