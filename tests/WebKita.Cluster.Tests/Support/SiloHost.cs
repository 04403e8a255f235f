using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using WebKita.Grains.Common;
using WebKita.Silo.Cluster;

namespace WebKita.Cluster.Tests.Support;

/// <summary>A real silo in this process, configured only through the <c>Silo</c> section, as the api configures its own.</summary>
public sealed class SiloHost(IHost host, TimeSpan startTime) : IAsyncDisposable
{
    public TimeSpan StartTime { get; } = startTime;

    public IServiceProvider Services => host.Services;

    public IGrainStorage Storage => host.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);

    public IReminderTable Reminders => host.Services.GetRequiredService<IReminderTable>();

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<SiloHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.AddWebKitaCluster(builder.Configuration));
        var host = builder.Build();
        var clock = Stopwatch.StartNew();
        await host.StartAsync();
        return new SiloHost(host, clock.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
