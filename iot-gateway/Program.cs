using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebKita.Broker;
using WebKita.IotGateway.Ingestion;
using WebKita.Silo;
using WebKita.Silo.Cluster;
using WebKita.Silo.Devices;

namespace WebKita.IotGateway;

/// <summary>
/// The IoT gateway: a silo plus the ingestion of device messages from the broker. Its Orleans
/// silo joins the api's cluster: on PostgreSQL through the membership table (same store, same
/// Silo:Cluster:ClusterId); on the embedded SQLite set, which has no membership table, give it
/// Silo:Cluster:PrimarySiloPort = the api's fixed Silo:Cluster:SiloPort, or it forms a cluster of
/// its own and the grains of the kinds on Orleans could be active in both.
/// Configuration: Silo:* (store, cluster), Broker:* (host, port, accounts; passwords from the environment,
/// e.g. Broker__GatewayPassword), Ingestion:* (client id, lanes, limits). The api can run the same
/// ingestion in its own process (Ingestion:InProcess), which is why this is not a top-level
/// program: its global Program class would clash with the api's.
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSilo(builder.Configuration);
        builder.UseOrleans(silo => silo.AddWebKitaCluster(builder.Configuration));
        builder.Services.AddBrokerAccounts(builder.Configuration);
        builder.Services.AddIngestion(builder.Configuration);
        // Kiosks' acks carry photo upload links to the api only when this process can sign them as the api checks them (docs/iot-topics.md).
        if (builder.Configuration["Report:LinkKey"] is { Length: > 0 } linkKey
            && Uri.TryCreate(builder.Configuration["Report:PublicBaseUrl"], UriKind.Absolute, out var origin))
        {
            var maxBytes = builder.Configuration.GetValue("Photos:Limits:MaxBytes", 10L * 1024 * 1024); // the api's PhotoLimits default
            builder.Services.AddSingleton(provider => new KioskPhotoLinks(Convert.FromBase64String(linkKey), origin, maxBytes, provider.GetRequiredService<TimeProvider>()));
        }

        await builder.Build().RunAsync();
    }
}
