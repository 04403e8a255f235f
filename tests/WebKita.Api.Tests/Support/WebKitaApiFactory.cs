using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using WebKita.Api.Applications;
using WebKita.Api.Offerings;
using WebKita.Api.Schools;
using WebKita.Testing;

namespace WebKita.Api.Tests.Support;

/// <summary>
/// The api with its silo in this process, on PostgreSQL, without demo data, with the county admin
/// of <see cref="Credentials.Admin"/>. Each factory made by <see cref="CreateAsync"/> gets a fresh
/// database of the shared test cluster; several factories on one connection string are several
/// silo hosts sharing one store. <paramref name="settings"/> override <see cref="ApiSettings.ForTests"/>.
/// </summary>
public sealed class WebKitaApiFactory(string connectionString, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    // Two hosts on one database must stay well below the cluster's max_connections (200).
    private const int MaxPoolSize = 40;

    private Task<string>? _adminToken;

    /// <summary>The clock of the api and its silo (reminders, offers, tokens); null for the system clock. Set before the first client is made.</summary>
    public TimeProvider? Time { get; init; }

    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = MaxPoolSize }.ConnectionString;

    public static async Task<WebKitaApiFactory> CreateAsync(IReadOnlyDictionary<string, string>? settings = null, TimeProvider? time = null)
    {
        var server = await PostgresServer.Shared;
        return new WebKitaApiFactory(await server.CreateDatabaseAsync(), settings) { Time = time };
    }

    /// <summary>An anonymous client, or one that sends <paramref name="token"/>.</summary>
    public WebKitaClient CreateApiClient(string? token = null)
    {
        var client = new WebKitaClient(CreateClient());
        return token is null ? client : client.WithToken(token);
    }

    /// <summary>A client signed in as the bootstrap county admin; one sign-in per factory, since each costs a password hash.</summary>
    public async Task<WebKitaClient> CreateAdminClientAsync() => CreateApiClient(await (_adminToken ??= SignInAsync(Credentials.Admin)));

    public async Task<string> SignInAsync(Credentials credentials)
    {
        using var client = CreateApiClient();
        return await client.SignInAsync(credentials);
    }

    public async Task<Answer> SubmitAsync(Guid offeringId, ChildRequest child, string? idempotencyKey)
    {
        using var client = await CreateAdminClientAsync();
        return await client.SubmitAsync(offeringId, child, idempotencyKey);
    }

    public async Task<OfferingResponse> CreateOpenOfferingAsync(int capacity)
    {
        using var client = await CreateAdminClientAsync();
        return await client.CreateOpenOfferingAsync(capacity);
    }

    public async Task<SchoolResponse> CreateSchoolAsync(string name = "Grundschule am Park")
    {
        using var client = await CreateAdminClientAsync();
        return await client.CreateSchoolAsync(name);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Silo:Store", "Postgres");
        builder.UseSetting("Silo:ConnectionString", ConnectionString);
        foreach (var (key, value) in ApiSettings.ForTests.Concat(settings ?? new Dictionary<string, string>()))
        {
            builder.UseSetting(key, value);
        }

        if (Time is { } time)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(time));
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
