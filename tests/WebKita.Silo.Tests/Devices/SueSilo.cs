using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Grains.Devices;
using WebKita.Silo.Cluster;
using WebKita.Silo.Devices;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;
using WebKita.Testing;

namespace WebKita.Silo.Tests.Devices;

/// <summary>A silo host (the domain's services and an Orleans silo) on a given PostgreSQL database, with a fake clock; the reminder and outbox loops are left out, tests drive them.</summary>
internal sealed class SueSilo : IAsyncDisposable
{
    public static readonly TenantId Tenant = new("kreis-sue");
    public static readonly Guid SchoolId = Guid.Parse("5c0a0000-0000-4000-8000-0000000000b1");
    public static readonly Guid BuildingId = Guid.Parse("b0000000-0000-4000-8000-0000000000b1");
    public static readonly Actor Admin = new(Guid.Parse("ad000000-0000-4000-8000-0000000000b1"), Role.CountyAdmin);

    /// <summary>Monday 23 November 2026, 9:00 in Berlin: school hours.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private readonly IHost _host;

    private SueSilo(IHost host, ManualTimeProvider time)
    {
        _host = host;
        Time = time;
    }

    public ManualTimeProvider Time { get; }

    public IGrainStore Store => Get<IGrainStore>();

    public IDeviceMessageSink Sink => Get<IDeviceMessageSink>();

    public static async Task<SueSilo> StartAsync(string connectionString, ManualTimeProvider time)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:Store"] = "Postgres",
            ["Silo:ConnectionString"] = connectionString,
        }).Build();
        var host = SiloHost.CreateBuilder(configuration, time, runsLoops: false).Build();
        await host.StartAsync();
        return new SueSilo(host, time);
    }

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public async Task<Device> RegisterAsync(string deviceId, DeviceKind kind, string? room = "A1.12", params Measurement[] measurements)
    {
        var device = Device.Register(Tenant, deviceId, SchoolId, BuildingId, room, kind, measurements, null, Time.GetUtcNow()).Value!;
        var outcome = await Get<DeviceRegistry>().RegisterAsync(device, Admin, default);
        outcome.Refusal.Should().BeNull();
        return device;
    }

    public Task<DeviceMessageOutcome> SendAsync(string deviceId, DeviceChannel channel, string json) =>
        Sink.ApplyAsync(new DeviceMessage(deviceId, channel, Encoding.UTF8.GetBytes(json), Time.GetUtcNow()), default);

    public static string Telemetry(string deviceId, string messageId, DateTimeOffset at, string measurements) =>
        $$"""{"deviceId":"{{deviceId}}","messageId":"{{messageId}}","timestamp":"{{at:O}}","measurements":""" + "{" + measurements + "}}";

    public static string Report(string deviceId, string reportId, string category = "sanitary", string text = "WC verstopft") =>
        $$"""{"deviceId":"{{deviceId}}","reportId":"{{reportId}}","category":"{{category}}","text":"{{text}}","attachments":[]}""";

    public async Task<IReadOnlyList<string>> EventTypesAsync(Guid grainId) =>
        [.. (await Store.ReadEventsAsync(Tenant.Value, grainId, default)).Select(e => e.Type)];

    public async Task<StoredGrain> DeviceRowAsync(string deviceId) =>
        (await Store.ReadAsync(DeviceRegistry.Key(Tenant, Device.IdFor(deviceId)), default))!;

    public async ValueTask DisposeAsync() => await _host.StopAndDisposeAsync();
}
