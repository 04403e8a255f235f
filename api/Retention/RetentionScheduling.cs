using WebKita.Api.Tenants;
using WebKita.Grains.Common;
using WebKita.Silo.Retention;

namespace WebKita.Api.Retention;

/// <summary>Schedules every configured tenant's yearly retention run at start (idempotent; see <see cref="RetentionJob.ScheduleAsync"/>).</summary>
public sealed class RetentionScheduling(TenantCatalog tenants, RetentionJob retention) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var tenant in tenants.Ids.Order(StringComparer.Ordinal))
        {
            await retention.ScheduleAsync(new TenantId(tenant), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
