using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using WebKita.Testing.ApiProcesses;

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

    /// <summary>The silo ports of the silos the cluster's membership holds active.</summary>
    public async Task<IReadOnlyList<int>> ActiveSilosAsync() =>
        [.. (await Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.Select(s => s.Endpoint.Port)];

    /// <summary>
    /// The silo port of every active silo whose catalog holds an activation of <paramref name="grain"/>.
    /// Each silo is asked on its own: one killed but not yet declared dead cannot answer, and is skipped.
    /// </summary>
    public async Task<IReadOnlyList<int>> ActivationsAsync(GrainId grain)
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        var ports = new List<int>();
        foreach (var silo in (await management.GetHosts(onlyActive: true)).Keys)
        {
            try
            {
                var statistics = await management.GetDetailedGrainStatistics(hostsIds: [silo]);
                ports.AddRange(statistics.Where(s => s.GrainId == grain).Select(s => s.SiloAddress.Endpoint.Port));
            }
            catch (OrleansMessageRejectionException)
            {
                // Unreachable: it died and the cluster has not noticed yet.
            }
        }

        return ports;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
