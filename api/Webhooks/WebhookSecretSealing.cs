using System.Security.Cryptography;
using WebKita.Api.Tenants;
using WebKita.Grains.Common;
using WebKita.Silo.Alerts;

namespace WebKita.Api.Webhooks;

/// <summary>
/// Migrates webhook secrets on start: plain-text rows from versions before encryption at rest, and
/// rows sealed under a key that is no longer the default, are sealed with the current key. Until
/// then such rows keep working (the registry opens both), so the order of processes restarting
/// does not matter. After every process has restarted once, a retired key may be revoked.
/// </summary>
public sealed partial class WebhookSecretSealing(TenantCatalog tenants, WebhookRegistry webhooks, ILogger<WebhookSecretSealing> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var tenant in tenants.Ids.Order(StringComparer.Ordinal))
        {
            try
            {
                if (await webhooks.SealStoredSecretsAsync(new TenantId(tenant), cancellationToken) is > 0 and var count)
                {
                    Log.Sealed(logger, count, tenant);
                }
            }
            catch (CryptographicException e)
            {
                // A key this tenant's secrets need was revoked or lost; the rest of the api still serves.
                Log.Unreadable(logger, tenant, e.Message);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Sealed {Count} webhook secrets of tenant {Tenant} with the current key.")]
        public static partial void Sealed(ILogger logger, int count, string tenant);

        [LoggerMessage(Level = LogLevel.Error, Message = "Webhook secrets of tenant {Tenant} cannot be opened ({Reason}); their deliveries fail until the key is restored or the webhooks are registered again.")]
        public static partial void Unreadable(ILogger logger, string tenant, string reason);
    }
}
