using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebKita.Silo.Runtime;

namespace WebKita.Silo.Cluster;

/// <summary>
/// A process's silo without the api: the domain's services (<c>AddSilo</c>) and an Orleans silo
/// (<c>AddWebKitaCluster</c>) on one host, so directories whose kinds live in Orleans grains reach
/// them. Used by the gateway, benchmarks and test harnesses.
/// </summary>
public static class SiloHost
{
    /// <summary>
    /// A builder on <paramref name="configuration"/> with <paramref name="time"/> as the domain's
    /// clock; add services, then <c>Build()</c> and start. Without <paramref name="runsLoops"/> the
    /// reminder and outbox loops are left out (their owner fires reminders and hands the outbox over
    /// by hand); the store's migration always runs first.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(IConfiguration configuration, TimeProvider time, bool runsLoops)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.AddSingleton(time);
        var before = builder.Services.Count;
        builder.Services.AddSilo(builder.Configuration);
        if (!runsLoops)
        {
            var loops = builder.Services.Skip(before)
                .Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType != typeof(StoreMigration))
                .ToList();
            foreach (var loop in loops)
            {
                builder.Services.Remove(loop);
            }
        }

        builder.UseOrleans(silo => silo.AddWebKitaCluster(builder.Configuration));
        return builder;
    }

    /// <summary>Stops the host (the silo leaves its cluster) and disposes it.</summary>
    public static async Task StopAndDisposeAsync(this IHost host)
    {
        try
        {
            await host.StopAsync();
        }
        finally
        {
            if (host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }
    }
}
