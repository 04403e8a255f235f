using System.Threading.RateLimiting;

namespace WebKita.Api.Pages.Report;

/// <summary>
/// Rate limit of the report page per client address: posting is limited (a person reports a few
/// defects, a robot hundreds), opening the page is not. <c>RateLimits:ReportsPerAddressPerHour</c>.
/// </summary>
public static class ReportLimits
{
    public const string Policy = "report";
    public const long MaxRequestBytes = 32 * 1024 * 1024;

    public static void Add(Microsoft.AspNetCore.RateLimiting.RateLimiterOptions options, IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimits:ReportsPerAddressPerHour", 20);
        options.AddPolicy(Policy, context => HttpMethods.IsGet(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : RateLimitPartition.GetFixedWindowLimiter(
                $"report:{context.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
    }
}
