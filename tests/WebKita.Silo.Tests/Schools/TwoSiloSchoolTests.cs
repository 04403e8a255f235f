using Npgsql;
using WebKita.Grains.Common;
using WebKita.Grains.Schools;
using WebKita.Silo.Schools;
using WebKita.Silo.Tests.Registration;
using WebKita.Testing;

namespace WebKita.Silo.Tests.Schools;

/// <summary>Schools changed through two silos on one PostgreSQL database.</summary>
public sealed class TwoSiloSchoolTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new("kreis-schools");
    private static readonly Guid SchoolId = Guid.Parse("5c0a0000-0000-4000-8000-0000000000dd");
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private SchoolDirectory _a = null!;
    private SchoolDirectory _b = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await (await PostgresServer.Shared).CreateDatabaseAsync();
        _a = await StartAsync(connectionString);
        _b = await StartAsync(connectionString);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }

    [Fact]
    public async Task UpdateAsync_SchoolCreatedOnOtherSiloAfterAMiss_UpdatesIt()
    {
        (await _b.UpdateAsync(Tenant, SchoolId, "GS Neu", null, default)).Refusal!.Code.Should().Be("school.not_found");

        (await _a.CreateAsync(Tenant, SchoolId, "GS Alt", "Weg 1", default)).Refusal.Should().BeNull();
        var updated = await _b.UpdateAsync(Tenant, SchoolId, "GS Neu", null, default);

        updated.Refusal.Should().BeNull();
        (await _a.FindAsync(Tenant, SchoolId, default)).Should().Be(new School(Tenant, SchoolId, "GS Neu", null));
    }

    [Fact]
    public async Task CreateAsync_SameSchoolOnBothSilos_CreatesOnceAndRefusesTheOther()
    {
        var outcomes = await Task.WhenAll(
            Task.Run(() => _a.CreateAsync(Tenant, SchoolId, "GS A", null, default)),
            Task.Run(() => _b.CreateAsync(Tenant, SchoolId, "GS B", null, default)));

        outcomes.Count(o => o.Refusal is null).Should().Be(1);
        outcomes.Single(o => o.Refusal is not null).Refusal!.Code.Should().Be("school.exists");
        (await _b.ListAsync(Tenant, default)).Should().ContainSingle().Which.Should().Be(outcomes.Single(o => o.Refusal is null).Value);
    }

    private async Task<SchoolDirectory> StartAsync(string connectionString)
    {
        var store = Silos.Postgres(connectionString, out var dataSource);
        _dataSources.Add(dataSource);
        await store.MigrateAsync(default);
        return new SchoolDirectory(store, new SiloOptions(), TimeProvider.System);
    }
}
