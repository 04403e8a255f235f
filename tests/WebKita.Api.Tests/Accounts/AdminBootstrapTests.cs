using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WebKita.Api.Tests.Support;
using WebKita.Api.Accounts;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Silo;
using WebKita.Silo.Accounts;
using WebKita.Silo.Storage.Sqlite;

namespace WebKita.Api.Tests.Accounts;

public sealed class AdminBootstrapTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new("boot");
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bootstrap-{Guid.NewGuid():N}.db");
    private readonly PasswordHasher<Account> _hasher = new();
    private AccountDirectory _accounts = null!;

    public async Task InitializeAsync()
    {
        var store = new SqliteGrainStore($"Data Source={_file}");
        await store.MigrateAsync(default);
        _accounts = new AccountDirectory(store, TimeProvider.System, new SiloOptions());
    }

    public async Task DisposeAsync()
    {
        await _accounts.DisposeAsync();
        File.Delete(_file);
    }

    [Fact]
    public async Task StartAsync_NoAccount_OpensCountyAdmin()
    {
        await Bootstrap().StartAsync(default);

        var admin = await _accounts.FindAsync(Tenant, AccountDirectory.IdFor(Tenant, "admin@kreis.example"), default);
        admin!.Role.Should().Be(Role.CountyAdmin);
    }

    [Fact]
    public async Task StartAsync_EmailHeldByFamily_LogsErrorAndStartsWithFamilyUntouched()
    {
        await _accounts.OpenAsync(Tenant, "admin@kreis.example", _hasher.HashPassword(null!, "family-password-1"), Role.Family, "Familie", [], [], default);
        var logger = new CollectingLogger<AdminBootstrap>();

        await Bootstrap(logger).StartAsync(default);

        logger.Errors.Should().ContainSingle().Which.Should().Contain("boot").And.Contain("could not be created");
        (await _accounts.FindAsync(Tenant, AccountDirectory.IdFor(Tenant, "admin@kreis.example"), default))!.Role.Should().Be(Role.Family);
    }

    [Fact]
    public async Task StartAsync_MalformedPassword_Fails()
    {
        var start = () => Bootstrap(password: "short").StartAsync(default);

        await start.Should().ThrowAsync<InvalidOperationException>().WithMessage("*Bootstrap:AdminPassword*");
    }

    private AdminBootstrap Bootstrap(ILogger<AdminBootstrap>? logger = null, string password = "admin-password-1") => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bootstrap:Tenant"] = Tenant.Value,
            ["Bootstrap:AdminEmail"] = "admin@kreis.example",
            ["Bootstrap:AdminPassword"] = password,
        }).Build(),
        _accounts,
        _hasher,
        logger ?? NullLogger<AdminBootstrap>.Instance);
}
