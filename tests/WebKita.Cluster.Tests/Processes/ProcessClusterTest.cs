using WebKita.Cluster.Tests.Support;
using WebKita.Testing;
using Xunit.Abstractions;

namespace WebKita.Cluster.Tests.Processes;

/// <summary>
/// Three api processes (<c>dotnet WebKita.Api.dll</c>) on a fresh PostgreSQL database forming one
/// Orleans cluster with fast failure detection, a county set up through them, and an Orleans
/// client in the test process that asks the silos where grains are active.
/// </summary>
public abstract class ProcessClusterTest(ITestOutputHelper output) : IAsyncLifetime
{
    protected const int Processes = 3;

    // A guard against hangs, not a measure: the whole test, cluster starts included, ends by then
    // (starting three api processes took 45 to 95 s on a 2-core machine shared at load 35 to 50).
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromMinutes(5));
    private ApiCluster? _cluster;
    private ClusterCounty? _county;
    private ClusterClient? _client;

    protected ITestOutputHelper Output { get; } = output;

    protected CancellationToken Deadline => _deadline.Token;

    protected ApiCluster Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

    protected ClusterCounty County => _county ?? throw new InvalidOperationException("Not started.");

    protected ClusterClient Client => _client ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var database = await (await PostgresServer.Shared).CreateDatabaseAsync(cancellationToken: Deadline);
        _cluster = await ApiCluster.StartAsync(database, Processes, ApiCounty.Settings, Deadline);
        try
        {
            _county = await ClusterCounty.CreateAsync(_cluster, Deadline);
            _client = await ClusterClient.ConnectAsync(_cluster);
        }
        catch
        {
            // xUnit does not dispose a class whose initialisation failed: the processes must not outlive it.
            await DisposeAsync();
            throw;
        }

        Output.WriteLine($"cluster {_cluster.ClusterId}: {Processes} api processes up in {clock.Elapsed.TotalSeconds:F1} s, membership {_cluster.MembershipDescription}");
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        _county?.Dispose();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _deadline.Dispose();
    }

    /// <summary>Where the offering's grain is active: the slot of each silo that holds an activation.</summary>
    protected async Task<IReadOnlyList<int>> OfferingActivationsAsync(Guid offeringId)
    {
        var ports = await Client.ActivationsAsync(OfferingGrains.IdOf(Client.Grains, offeringId));
        return [.. ports.Select(port => Cluster.SiloPorts.ToList().IndexOf(port))];
    }
}
