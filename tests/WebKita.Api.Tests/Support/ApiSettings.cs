namespace WebKita.Api.Tests.Support;

/// <summary>Configuration every test api runs with, in-process or as its own process.</summary>
public static class ApiSettings
{
    private const string Unlimited = "1000000";

    /// <summary>A second tenant the test api serves (without a bootstrap admin), for calls across tenants.</summary>
    public const string SecondTenant = "nachbar-kreis";

    /// <summary>
    /// A bootstrapped county admin for <see cref="WebKitaClient.DefaultTenant"/>, a second tenant, no demo data, and
    /// rate limits raised: a rush from one test client is one address and a few accounts.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ForTests { get; } = new Dictionary<string, string>
    {
        ["Demo:Enabled"] = "false",
        ["Bootstrap:Tenant"] = WebKitaClient.DefaultTenant,
        ["Tenants:0"] = SecondTenant,
        ["Bootstrap:AdminEmail"] = Credentials.Admin.Email,
        ["Bootstrap:AdminPassword"] = Credentials.Admin.Password,
        ["RateLimits:SignInsPerAddressPerMinute"] = Unlimited,
        ["RateLimits:RegistrationsPerAddressPerHour"] = Unlimited,
        ["RateLimits:SubmissionsPerAddressPerMinute"] = Unlimited,
        ["RateLimits:SubmissionsPerAccountPerMinute"] = Unlimited,
        ["DataProtection:KeyPath"] = Path.Combine(Path.GetTempPath(), $"webkita-test-keys-{Environment.ProcessId}"),
    };
}
