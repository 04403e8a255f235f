using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using WebKita.Silo.Accounts;
using WebKita.Silo.Devices;
using WebKita.Silo.Mail;
using WebKita.Silo.Protection;
using WebKita.Silo.Retention;
using WebKita.Silo.Registration;
using WebKita.Silo.Runtime;
using WebKita.Grains.Accounts;
using WebKita.Grains.Alarms;
using WebKita.Grains.Alerts;
using WebKita.Grains.Buildings;
using WebKita.Grains.Schools;
using WebKita.Grains.Statutes;
using WebKita.Silo.ReadModels;
using WebKita.Silo.Schools;
using WebKita.Silo.Storage;
using WebKita.Silo.Storage.Postgres;
using WebKita.Silo.Storage.Sqlite;

namespace WebKita.Silo;

public static class SiloServiceCollectionExtensions
{
    /// <summary>Hosts a silo in this process: the store named by the "Silo" section, grain directories, reminders and outbox.</summary>
    public static IServiceCollection AddSilo(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Silo").Get<SiloOptions>() ?? new SiloOptions();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddWebKitaKeyRing(configuration);
        services.AddSingleton<IGrainStore>(_ => CreateStore(options));
        services.AddHostedService<StoreMigration>();
        // Kinds that live in Orleans grains (the host adds the silo): lists read what the grains publish to the store.
        services.AddStoreReadModel<School>(GrainKinds.School);
        services.AddStoreReadModel<Building>(GrainKinds.Building, b => b.SchoolId);
        services.AddStoreReadModel<AlarmProfile>(GrainKinds.AlarmProfile);
        services.AddStoreReadModel<Account>(GrainKinds.Account);
        services.AddStoreReadModel<Webhook>(GrainKinds.Webhook);
        services.AddSingleton<SchoolDirectory>();
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<IOfferings, ClusterOfferings>();
        services.AddSingleton<RegistrationDirectory>();
        services.AddSingleton<IReminderTarget>(sp => sp.GetRequiredService<RegistrationDirectory>());
        services.AddStoreReadModel<Statute>(GrainKinds.Statute);
        services.AddSingleton<Statutes.StatuteDirectory>();
        services.AddSingleton<Rounds.RoundDirectory>();
        services.AddSingleton<IReminderTarget>(sp => sp.GetRequiredService<Rounds.RoundDirectory>());
        services.AddSingleton<IOutboxSubscriber, EventLog>();
        services.AddSagsUnsEinfach();
        services.AddMail(configuration);
        services.AddRetention(configuration);
        services.TryAddSingleton<IClaimants, ProcessClaimants>(); // a silo's cluster replaces it with membership
        services.AddSingleton<ReminderService>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderService>());
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }

    public static IGrainStore CreateStore(SiloOptions options) => options.Store switch
    {
        "Postgres" => new PostgresGrainStore(NpgsqlDataSource.Create(PreparingStatements(options.ConnectionString))),
        "Sqlite" => new SqliteGrainStore(options.ConnectionString),
        _ => throw new ArgumentException($"Silo:Store is '{options.Store}'; use 'Sqlite' or 'Postgres'.", nameof(options)),
    };

    /// <summary>
    /// The store sends the same few statements all the time (a commit's set-based writes, the
    /// outbox's claims); prepared on each connection, PostgreSQL stops parsing and planning them
    /// again, which took a ninth of its CPU while the gateway drained a burst (perf). A connection
    /// string with its own Max Auto Prepare keeps it.
    /// </summary>
    private static string PreparingStatements(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }
}
