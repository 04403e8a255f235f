using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WebKita.Api.Tests.Support;
using WebKita.Api.Accounts;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Silo.Accounts;
using WebKita.Silo.Cluster;

namespace WebKita.Api.Tests.Accounts;

public sealed class AdminBootstrapTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new("boot");
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bootstrap-{Guid.NewGuid():N}.db");
    private readonly PasswordHasher<Account> _hasher = new();
    private IHost _silo = null!;
    private AccountDirectory _accounts = null!;

    /// <summary>Accounts live in Orleans grains: a silo on an embedded SQLite store, without the api.</summary>
    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:Store"] = "Sqlite",
            ["Silo:ConnectionString"] = $"Data Source={_file}",
        }).Build();
        _silo = SiloHost.CreateBuilder(configuration, TimeProvider.System, runsLoops: false).Build();
        await _silo.StartAsync();
        _accounts = _silo.Services.GetRequiredService<AccountDirectory>();
    }

    public async Task DisposeAsync()
    {
        await _silo.StopAndDisposeAsync();
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
