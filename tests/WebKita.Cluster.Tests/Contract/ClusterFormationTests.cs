using Microsoft.Extensions.DependencyInjection;
using WebKita.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace WebKita.Cluster.Tests.Contract;

/// <summary>Two silos on one store form one cluster: each provider set's membership lets the second in.</summary>
public sealed class ClusterFormationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task StartSecondSilo_Postgres_BothActiveInOneCluster()
    {
        var settings = await new PostgresStore().CreateAsync();
        await using var first = await SiloHost.StartAsync(settings);
        await using var second = await SiloHost.StartAsync(settings);
        output.WriteLine($"silos started in {first.StartTime.TotalMilliseconds:F0} ms and {second.StartTime.TotalMilliseconds:F0} ms");

        var hosts = await first.Grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);

        hosts.Select(h => h.SiloAddress).Should().BeEquivalentTo([AddressOf(first), AddressOf(second)]);
    }

    [Fact]
    public async Task StartSecondSilo_AzureStorage_BothActiveInOneCluster()
    {
        var settings = await new AzuriteStore().CreateAsync();
        await using var first = await SiloHost.StartAsync(settings);
        await using var second = await SiloHost.StartAsync(settings);

        var hosts = await first.Grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);

        hosts.Select(h => h.SiloAddress).Should().BeEquivalentTo([AddressOf(first), AddressOf(second)]);
    }

    [Fact]
    public async Task StartSecondSilo_SqliteWithPrimaryPort_BothActiveInOneCluster()
    {
        var settings = await new SqliteStore().CreateAsync();
        await using var first = await SiloHost.StartAsync(settings);
        await using var second = await SiloHost.StartAsync(
            settings.With("Silo:Cluster:PrimarySiloPort", AddressOf(first).Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var hosts = await second.Grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);

        hosts.Select(h => h.SiloAddress).Should().BeEquivalentTo([AddressOf(first), AddressOf(second)]);
    }

    private static SiloAddress AddressOf(SiloHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
}
