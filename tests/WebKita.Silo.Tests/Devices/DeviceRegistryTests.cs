using WebKita.Grains.Common;
using WebKita.Grains.Devices;
using WebKita.Silo.Devices;
using WebKita.Testing;
using static WebKita.Silo.Tests.Devices.SueSilo;

namespace WebKita.Silo.Tests.Devices;

/// <summary>Device ids are unique across tenants, on real PostgreSQL, across two silos.</summary>
public sealed class DeviceRegistryTests : IAsyncLifetime
{
    private static readonly TenantId Other = new("kreis-andere");
    private readonly ManualTimeProvider _time = new(T0);
    private string _database = "";
    private SueSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _database = await (await PostgresServer.Shared).CreateDatabaseAsync();
        _silo = await StartAsync(_database, _time);
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task ReserveAsync_IdClaimedByAnotherTenantInAnotherSilo_RefusedAndRegisterToo()
    {
        await using var other = await StartAsync(_database, _time);

        var mine = await _silo.Get<DeviceRegistry>().ReserveAsync(Tenant, "shared-1", default);
        var theirs = await other.Get<DeviceRegistry>().ReserveAsync(Other, "shared-1", default);
        var again = await _silo.Get<DeviceRegistry>().ReserveAsync(Tenant, "shared-1", default);
        var device = Device.Register(Other, "shared-1", SchoolId, BuildingId, null, DeviceKind.Kiosk, [], null, T0).Value!;
        var registered = await other.Get<DeviceRegistry>().RegisterAsync(device, Admin, default);

        mine.Should().BeNull();
        theirs!.Code.Should().Be("device.exists");
        again.Should().BeNull("the same tenant may finish a registration it started");
        registered.Refusal!.Code.Should().Be("device.exists");
        (await _silo.Get<DeviceRegistry>().OwnerOfAsync("shared-1", default)).Should().Be(Tenant.Value);
    }

    [Fact]
    public async Task RegisterAsync_AfterReserve_StoresDeviceAndReserveThenRefuses()
    {
        var registry = _silo.Get<DeviceRegistry>();
        (await registry.ReserveAsync(Tenant, "kiosk-r1", default)).Should().BeNull();

        var device = Device.Register(Tenant, "kiosk-r1", SchoolId, BuildingId, null, DeviceKind.Kiosk, [], null, T0).Value!;
        (await registry.RegisterAsync(device, Admin, default)).Refusal.Should().BeNull();

        (await registry.FindAsync(Tenant, "kiosk-r1", default))!.DeviceId.Should().Be("kiosk-r1");
        (await registry.ReserveAsync(Tenant, "kiosk-r1", default))!.Code.Should().Be("device.exists");
    }
}
