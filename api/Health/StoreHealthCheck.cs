using Microsoft.Extensions.Diagnostics.HealthChecks;
using WebKita.Silo.Storage;

namespace WebKita.Api.Health;

/// <summary>Ready means the store answers; a load balancer then stops sending traffic while it does not.</summary>
public sealed class StoreHealthCheck(IGrainStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.IsReachableAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The store cannot be reached.");
}
