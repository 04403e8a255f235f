using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Reminders;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;
using WebKita.Grains.Common;
using WebKita.Silo.Cluster.Embedded;
using WebKita.Silo.Cluster.Postgres;
using WebKita.Silo.Cluster.Relational;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Cluster;

public static class SiloBuilderExtensions
{
    /// <summary>
    /// Configures an Orleans silo from the <c>Silo</c> section: <c>Store</c> picks the provider set
    /// (<see cref="ProviderSet"/>), <c>ConnectionString</c> its store, <c>Cluster</c> ids and ports
    /// (<see cref="ClusterSettings"/>), <c>Membership</c> Orleans' <see cref="ClusterMembershipOptions"/>
    /// and <c>GrainDirectory</c> its <see cref="GrainDirectoryOptions"/> as they are, <c>Reminders</c> the <see cref="ReminderSettings"/>.
    /// </summary>
    public static ISiloBuilder AddWebKitaCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        var section = configuration.GetSection("Silo");
        var settings = section.GetSection("Cluster").Get<ClusterSettings>() ?? new ClusterSettings();
        var reminders = section.GetSection("Reminders").Get<ReminderSettings>() ?? new ReminderSettings();
        var store = ProviderSetOf(section["Store"]);
        var connectionString = section["ConnectionString"] ?? new SiloOptions().ConnectionString;
        var address = IPAddress.Parse(settings.AdvertisedAddress);
        var siloPort = FreeTcpPort.Or(settings.SiloPort, address);
        var gatewayPort = FreeTcpPort.Or(settings.GatewayPort, address);

        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });
        silo.Services.PinInfrastructureClocks();
        silo.Services.Configure<ClusterMembershipOptions>(section.GetSection("Membership"));
        // Orleans sizes the cache of where other silos' grains live for a million grains and
        // allocates that up front (9 MB a process); a county's grains number in the tens of thousands.
        silo.Services.Configure<GrainDirectoryOptions>(options => options.CacheSize = 100_000);
        silo.Services.Configure<GrainDirectoryOptions>(section.GetSection("GrainDirectory"));
        silo.Services.Replace(ServiceDescriptor.Singleton<IClaimants, MembershipClaimants>());
        // Orleans places each new activation through a Polly pipeline that logs every attempt as
        // information: two lines per grain, thousands in a rush. Its retries and failures still show.
        silo.Services.AddLogging(logging => logging.AddFilter("Polly", LogLevel.Warning));
        silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = reminders.MinimumReminderPeriod);
        silo.AddReminders();
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.Configure<SystemTextJsonGrainStorageSerializerOptions>(GrainStateJson.Configure);

        switch (store)
        {
            case ProviderSet.Sqlite:
                var primary = settings.PrimarySiloPort == 0 ? null : new IPEndPoint(address, settings.PrimarySiloPort);
                silo.UseLocalhostClustering(siloPort, gatewayPort, primary, settings.ServiceId, settings.ClusterId);
                silo.Services.AddRelationalStorage(_ => new SqliteClusterStore(connectionString, settings.ServiceId));
                break;
            case ProviderSet.Postgres:
                var pool = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = settings.MaxPoolSize }.ConnectionString;
                silo.ConfigureEndpoints(address, siloPort, gatewayPort);
                // Made by the container, so its pool is closed with the host (a test process hosts many).
                silo.Services.AddRelationalStorage(_ => new PostgresClusterStore(NpgsqlDataSource.Create(pool), settings.ServiceId));
                silo.Services.AddSingleton<IMembershipTable>(sp => new PostgresMembershipTable(sp.GetRequiredService<PostgresClusterStore>(), settings.ClusterId));
                break;
            case ProviderSet.AzureStorage:
                silo.ConfigureEndpoints(address, siloPort, gatewayPort);
                silo.UseAzureStorageClustering(options => options.TableServiceClient = new TableServiceClient(connectionString));
                silo.AddAzureTableGrainStorage(GrainStorage.Name, options => options.TableServiceClient = new TableServiceClient(connectionString));
                silo.UseAzureTableReminderService(options => options.TableServiceClient = new TableServiceClient(connectionString));
                break;
        }

        if (settings.Dashboard)
        {
            // The trace page streams every log line of the silo, personal data included, and never ends.
            silo.AddDashboard(options => options.HideTrace = true);
        }

        return silo;
    }

    /// <summary>
    /// The host's <see cref="TimeProvider"/> is the domain's clock (tests move it by hand to pass
    /// deadlines). Orleans' own loops (messaging timeouts, membership probes, activation collection,
    /// directory, reminder polling) run on real time whatever the domain's clock does: on a stopped
    /// clock they spun at 100 % CPU. Grain timers stay on the domain's clock.
    /// </summary>
    private static void PinInfrastructureClocks(this IServiceCollection services)
    {
        string[] areas =
        [
            TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.Membership,
            TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory, ReminderTimeProviderNames.Reminders,
        ];
        foreach (var area in areas)
        {
            services.AddKeyedSingleton(area, TimeProvider.System);
        }
    }

    private static void AddRelationalStorage<TStore>(this IServiceCollection services, Func<IServiceProvider, TStore> create)
        where TStore : ClusterStore
    {
        services.AddSingleton(create);
        services.AddKeyedSingleton<IGrainStorage>(
            GrainStorage.Name, (provider, _) => new RelationalGrainStorage(provider.GetRequiredService<TStore>(), provider.GetRequiredService<IGrainStorageSerializer>()));
        services.AddSingleton<IReminderTable>(provider => new RelationalReminderTable(provider.GetRequiredService<TStore>()));
    }

    public static ProviderSet ProviderSetOf(string? store) =>
        Enum.TryParse<ProviderSet>(store ?? nameof(ProviderSet.Sqlite), ignoreCase: false, out var set) && Enum.IsDefined(set)
            ? set
            : throw new ArgumentException($"Silo:Store is '{store}'; use 'Sqlite', 'Postgres' or 'AzureStorage'.", nameof(store));
}
