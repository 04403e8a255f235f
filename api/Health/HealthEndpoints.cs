using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace WebKita.Api.Health;

public static class HealthEndpoints
{
    /// <summary>/health/live: the process answers. /health/ready: it can also reach its store.</summary>
    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
    }
}
