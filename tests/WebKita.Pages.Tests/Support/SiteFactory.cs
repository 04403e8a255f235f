using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace WebKita.Pages.Tests.Support;

/// <summary>The api with its pages on real Kestrel (not the TestServer), on PostgreSQL, for a browser to drive.</summary>
/// <remarks>
/// With a <paramref name="time"/> the api runs on that clock and its background loops are slowed to a
/// day, so a test alone fires due reminders (a round's deadline) after moving the clock.
/// </remarks>
public sealed class SiteFactory(string connectionString, TimeProvider? time = null) : WebApplicationFactory<Program>
{
    public const string Tenant = "test-kreis";
    public const string AdminEmail = "landrat@test-kreis.example";
    public const string AdminPassword = "Bootstrap-Passwort-1";
    private const string Unlimited = "1000000";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Silo:Store", "Postgres");
        builder.UseSetting("Silo:ConnectionString", connectionString);
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Bootstrap:Tenant", Tenant);
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("RateLimits:SignInsPerAddressPerMinute", Unlimited);
        builder.UseSetting("RateLimits:RegistrationsPerAddressPerHour", Unlimited);
        builder.UseSetting("RateLimits:SubmissionsPerAddressPerMinute", Unlimited);
        builder.UseSetting("RateLimits:SubmissionsPerAccountPerMinute", Unlimited);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (time is not null)
        {
            builder.UseSetting("Silo:ReminderPollInterval", "1.00:00:00");
            builder.UseSetting("Silo:OutboxPollInterval", "1.00:00:00");
            builder.ConfigureTestServices(services => services.AddSingleton(time));
        }
    }
}
