using WebKita.Cluster.Tests.Support;
using WebKita.Testing.ApiProcesses;
using Xunit.Abstractions;

namespace WebKita.Cluster.Tests.Processes;

/// <summary>
/// A test on the shared <see cref="ProcessCluster"/>: it restarts any slot an earlier test killed,
/// and connects an Orleans client from the test process that asks the silos where grains are active.
/// </summary>
[Collection(ProcessCluster.Collection)]
public abstract class ProcessClusterTest(ProcessCluster processes, ITestOutputHelper output) : IAsyncLifetime
{
    protected const int Processes = ProcessCluster.Processes;

    // A guard against hangs, not a measure (starting three api processes took 45 to 95 s on a
    // 2-core machine shared at load 35 to 50, restarting them as long).
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromMinutes(4));
    private ClusterClient? _client;

    protected ITestOutputHelper Output { get; } = output;

    protected CancellationToken Deadline => _deadline.Token;

    protected ApiCluster Cluster => processes.Cluster;

    protected ClusterCounty County => processes.County;

    protected ClusterClient Client => _client ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        await Cluster.StartAllAsync(Deadline);
        _client = await ClusterClient.ConnectAsync(Cluster);
        Output.WriteLine($"cluster {Cluster.ClusterId}: {Processes} api processes (started in {processes.StartTime.TotalSeconds:F1} s), membership {Cluster.MembershipDescription}");
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        _deadline.Dispose();
    }

    /// <summary>Where the offering's grain is active: the slot of each silo that holds an activation.</summary>
    protected async Task<IReadOnlyList<int>> OfferingActivationsAsync(Guid offeringId)
    {
        var ports = await Client.ActivationsAsync(OfferingGrains.IdOf(Client.Grains, offeringId));
        return [.. ports.Select(port => Cluster.SiloPorts.ToList().IndexOf(port))];
    }

    /// <summary>A staff client on the first running process, for reading back what the store holds.</summary>
    protected HttpClient Reader() => County.StaffClient(Cluster[Cluster.Running.First()], 4);
}
