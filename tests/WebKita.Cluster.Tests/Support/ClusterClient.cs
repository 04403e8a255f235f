using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using WebKita.Testing;

namespace WebKita.Cluster.Tests.Support;

/// <summary>
/// An Orleans client in the test process, connected to an <see cref="ApiCluster"/> through its
/// gateways, to ask the silos themselves where a grain is active: each silo reports the
/// activations in its own catalog, so two activations of one grain would both show.
/// </summary>
public sealed class ClusterClient(IHost host) : IAsyncDisposable
{
    public IClusterClient Grains => host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterClient> ConnectAsync(ApiCluster cluster)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client
            .UseStaticClustering([.. cluster.Gateways])
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = cluster.ClusterId;
            }));
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterClient(host);
    }

    /// <summary>The silo port of every silo whose catalog holds an activation of <paramref name="grain"/>.</summary>
    public async Task<IReadOnlyList<int>> ActivationsAsync(GrainId grain)
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return [.. statistics.Where(s => s.GrainId == grain).Select(s => s.SiloAddress.Endpoint.Port)];
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
