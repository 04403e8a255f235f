using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WebKita.Silo.Cluster;
using WebKita.Silo.Rounds;
using WebKita.Silo.Runtime;
using WebKita.Silo.Statutes;
using WebKita.Silo.Storage;
using WebKita.Silo.Tests.Registration;

namespace WebKita.Silo.Tests.Rounds;

/// <summary>
/// A silo's round parts over a PostgreSQL database, wired as an api process wires them; and the
/// test round's ids. The statute lives in an Orleans grain: each RoundSilo hosts a silo, and those
/// on one database form a cluster.
/// </summary>
internal sealed record RoundSilo(IHost Host, IGrainStore Store, RoundDirectory Rounds, StatuteDirectory Statutes, ReminderService Reminders, NpgsqlDataSource DataSource)
    : IAsyncDisposable
{
    public static readonly Guid RoundId = Guid.Parse("50000000-0000-4000-8000-0000000000aa");
    public static readonly Guid OfferingA = Guid.Parse("0ff00000-0000-4000-8000-0000000000a1");
    public static readonly Guid OfferingB = Guid.Parse("0ff00000-0000-4000-8000-0000000000b1");
    public static readonly DateTimeOffset Deadline = Silos.Start.AddDays(30);

    public static async Task<RoundSilo> StartAsync(string connectionString, TimeProvider time)
    {
        var store = Silos.Postgres(connectionString, out var dataSource);
        await store.MigrateAsync(default);
        var options = new SiloOptions();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:Store"] = "Postgres",
            ["Silo:ConnectionString"] = connectionString,
        }).Build();
        var host = SiloHost.CreateBuilder(configuration, time, runsLoops: false).Build();
        await host.StartAsync();
        var statutes = host.Services.GetRequiredService<StatuteDirectory>();
        var rounds = host.Services.GetRequiredService<RoundDirectory>();
        return new RoundSilo(host, store, rounds, statutes, new ReminderService(store, [rounds], time, options, NullLogger<ReminderService>.Instance, new ProcessClaimants()), dataSource);
    }

    public async ValueTask DisposeAsync()
    {
        Reminders.Dispose();
        await Host.StopAndDisposeAsync();
        await DataSource.DisposeAsync();
    }
}
