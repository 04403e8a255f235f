using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using WebKita.Grains.Accounts;
using WebKita.Grains.Alarms;
using WebKita.Grains.Alerts;
using WebKita.Grains.Buildings;
using WebKita.Grains.Common;
using WebKita.Grains.Schools;
using WebKita.Grains.Statutes;
using WebKita.Silo;
using WebKita.Silo.ReadModels;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;
using WebKita.Silo.Storage.Sqlite;

namespace WebKita.Grains.Tests.Cluster;

/// <summary>
/// Two in-process silos with memory grain storage named like the real one, publishing to a real
/// SQLite read model in a private folder. One per test class.
/// </summary>
public sealed class GrainCluster : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("webkita-grains-").FullName;
    private InProcessTestCluster _cluster = null!;

    /// <summary>The real storage behind the gate, for writes from outside a grain (conflicts).</summary>
    public const string MemoryStorage = "webkita-memory";

    public StorageGate Gate { get; } = new();

    public SqliteGrainStore Store { get; private set; } = null!;

    public IGrainFactory Grains => _cluster.Client;

    public InProcessTestCluster Cluster => _cluster;

    public async Task InitializeAsync()
    {
        Store = new SqliteGrainStore($"Data Source={Path.Combine(_folder, "webkita.db")}");
        await Store.MigrateAsync(CancellationToken.None);
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            // The storage serializer the real providers use (System.Text.Json, as GrainJson stores), so
            // a state type it cannot round-trip fails here and not first in production.
            silo.AddMemoryGrainStorage(MemoryStorage, o => o.GrainStorageSerializer = StorageSerializer());
            silo.Services.AddKeyedSingleton<IGrainStorage>(
                GrainStorage.Name, (services, _) => new GatedGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(MemoryStorage), Gate));
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddSingleton<IReadModel<School>>(new StoreReadModel<School>(Store, GrainKinds.School));
            silo.Services.AddSingleton<IReadModel<Statute>>(new StoreReadModel<Statute>(Store, GrainKinds.Statute));
            silo.Services.AddSingleton<IReadModel<Building>>(new StoreReadModel<Building>(Store, GrainKinds.Building, b => b.SchoolId));
            silo.Services.AddSingleton<IReadModel<AlarmProfile>>(new StoreReadModel<AlarmProfile>(Store, GrainKinds.AlarmProfile));
            silo.Services.AddSingleton<IReadModel<Account>>(new StoreReadModel<Account>(Store, GrainKinds.Account));
            silo.Services.AddSingleton<IReadModel<Webhook>>(new StoreReadModel<Webhook>(Store, GrainKinds.Webhook));
            silo.Services.AddSingleton<IGrainStore>(Store);
            silo.Services.AddSingleton(new SiloOptions());
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>The real storage of a silo, for writes that bypass the gate and the grain (a conflicting writer).</summary>
    public IGrainStorage MemoryStorageOf(int silo) =>
        _cluster.Silos[silo].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(MemoryStorage);

    private static SystemTextJsonGrainStorageSerializer StorageSerializer()
    {
        var options = new SystemTextJsonGrainStorageSerializerOptions();
        foreach (var converter in GrainJson.Options.Converters)
        {
            options.JsonSerializerOptions.Converters.Add(converter);
        }

        return new SystemTextJsonGrainStorageSerializer(Options.Create(options));
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
