using System.Security.Claims;
using System.Threading.RateLimiting;

namespace WebKita.Api.Accounts;

/// <summary>
/// Limits per client address and, where signed in, per account. Figures come from the
/// "RateLimits" section so a load test can raise them; the defaults fit a county's families
/// behind shared school or office addresses.
/// </summary>
public sealed class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Register = "register";
    public const string Submit = "submit";

    public int SignInsPerAddressPerMinute { get; set; } = 20;

    public int RegistrationsPerAddressPerHour { get; set; } = 30;

    public int SubmissionsPerAddressPerMinute { get; set; } = 300;

    public int SubmissionsPerAccountPerMinute { get; set; } = 30;

    public static IServiceCollection AddWebKitaRateLimits(IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("RateLimits").Get<RateLimits>() ?? new RateLimits();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                if (Pages.Site.PagesSetup.IsPageRequest(context.HttpContext.Request))
                {
                    // An empty 429 lets the German error page answer a page's form.
                    return;
                }

                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = "Please wait a minute and try again." },
                });
            };
            options.AddPolicy(SignIn, context => PerAddress(context, limits.SignInsPerAddressPerMinute, TimeSpan.FromMinutes(1)));
            options.AddPolicy(Register, context => PerAddress(context, limits.RegistrationsPerAddressPerHour, TimeSpan.FromHours(1)));
            options.AddPolicy(Submit, context => context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } account
                ? RateLimitPartition.GetFixedWindowLimiter($"account:{account}", _ => Window(limits.SubmissionsPerAccountPerMinute, TimeSpan.FromMinutes(1)))
                : PerAddress(context, limits.SubmissionsPerAddressPerMinute, TimeSpan.FromMinutes(1)));
        });
        return services;
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter($"address:{context.Connection.RemoteIpAddress}", _ => Window(permits, window));

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0 };
}
