using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Npgsql;
using WebKita.Api.Applications;
using WebKita.Api.Offerings;
using WebKita.Api.Schools;
using WebKita.Testing;

namespace WebKita.Api.Tests.Support;

/// <summary>
/// The api with its silo in this process, on PostgreSQL, without demo data. Each factory made by
/// <see cref="CreateAsync"/> gets a fresh database of the shared test cluster; several factories
/// on one connection string are several silo hosts sharing one store.
/// </summary>
public sealed class WebKitaApiFactory(string connectionString) : WebApplicationFactory<Program>
{
    // Two hosts on one database must stay well below the cluster's max_connections (200).
    private const int MaxPoolSize = 40;

    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = MaxPoolSize }.ConnectionString;

    public static async Task<WebKitaApiFactory> CreateAsync()
    {
        var server = await PostgresServer.Shared;
        return new WebKitaApiFactory(await server.CreateDatabaseAsync());
    }

    public WebKitaClient CreateApiClient() => new(CreateClient());

    public async Task<Answer> SubmitAsync(Guid offeringId, ChildRequest child, string? idempotencyKey)
    {
        using var client = CreateApiClient();
        return await client.SubmitAsync(offeringId, child, idempotencyKey);
    }

    public async Task<OfferingResponse> CreateOpenOfferingAsync(int capacity)
    {
        using var client = CreateApiClient();
        return await client.CreateOpenOfferingAsync(capacity);
    }

    public async Task<SchoolResponse> CreateSchoolAsync(string name = "Grundschule am Park")
    {
        using var client = CreateApiClient();
        return await client.CreateSchoolAsync(name);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Silo:Store", "Postgres");
        builder.UseSetting("Silo:ConnectionString", ConnectionString);
        builder.UseSetting("Demo:Enabled", "false");
        // A rush from one test client is one address; per-address limits would turn it away.
        builder.UseSetting("RateLimits:SubmissionsPerAddressPerMinute", "1000000");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
