using System.Diagnostics;
using Npgsql;
using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Silo;
using WebKita.Silo.Registration;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;
using WebKita.Silo.Storage.Postgres;
using WebKita.Testing;

namespace WebKita.Bench.Allocation;

/// <summary>
/// The silo in this process over PostgreSQL: many concurrent callers book one hot offering whose
/// capacity is half the calls. Each call returns only after its decision is committed.
/// </summary>
public static class SiloPhase
{
    public static async Task<PhaseResult> RunAsync(PostgresServer server, BenchOptions options, CancellationToken cancellationToken)
    {
        var connectionString = await server.CreateDatabaseAsync("silo_hot_offering", cancellationToken);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var plainStore = new PostgresGrainStore(dataSource);
        await plainStore.MigrateAsync(cancellationToken);
        var timings = new StoreTimings();
        var store = TimedStore.Wrap(plainStore, timings);
        var tenant = new TenantId("bench");
        var offeringId = Guid.NewGuid();
        var capacity = options.SiloCalls / 2;
        var silo = new SiloOptions { Store = "Postgres", ConnectionString = connectionString };
        var answers = new Application?[options.SiloCalls];
        var latencies = new Latencies(options.SiloCalls);
        var errors = 0;
        await using var registration = RegistrationDirectory.InProcess(store, TimeProvider.System, silo);
        var created = await registration.SendAsync(tenant, offeringId, new CreateOffering(Children.Terms(Guid.NewGuid(), capacity)), cancellationToken);
        if (created.Refusal is { } refusal)
        {
            throw new InvalidOperationException($"Creating the offering was refused: {refusal.Code} {refusal.Message}");
        }

        var next = -1;
        var cpu = new CpuMeter(CpuMeter.PostmasterPid(server.DataDirectory));
        var cpuBefore = cpu.Now();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(options.SiloCallers, options.SiloCalls)).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < options.SiloCalls; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var reply = await registration.SendAsync(tenant, offeringId, new SubmitApplication(Children.Number(i), $"silo-{i}"), cancellationToken);
                    answers[i] = reply.Application;
                    latencies.Record(i, started);
                    if (reply.Refusal is { } refused)
                    {
                        Report(ref errors, $"refused: {refused.Code} {refused.Message}");
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Report(ref errors, $"{e.GetType().Name}: {e.Message}");
                }
            }
        }, cancellationToken)));
        var elapsed = clock.Elapsed;
        cpu.PrintSince(cpuBefore, "silo", elapsed);
        timings.Print("silo", elapsed);

        await DatabaseActivity.PrintAsync("silo", connectionString, cancellationToken);
        var stored = await registration.ListApplicationsAsync(tenant, offeringId, cancellationToken);
        var offering = await plainStore.ReadAsync(new GrainKey(tenant.Value, GrainKinds.Offering, offeringId), cancellationToken);
        var byId = stored.ToDictionary(v => v.Application.Id, v => v.Application.Status);
        var answered = answers.Count(a => a is not null);
        var mismatches = answers.Count(a => a is not null && (!byId.TryGetValue(a.Id, out var status) || status != a.Status));
        return new PhaseResult(
            "silo", options.SiloCalls, answered, errors, elapsed,
            AllocationCheck.Of([.. stored.Select(v => (v.Application.Status, v.Application.Arrival))], capacity),
            offering?.Version ?? 0, mismatches, offering?.State.Length ?? 0, latencies);
    }

    private static void Report(ref int errors, string message)
    {
        if (Interlocked.Increment(ref errors) <= 5)
        {
            Console.WriteLine($"silo: error {message}");
        }
    }
}
