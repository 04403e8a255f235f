using System.Diagnostics;
using WebKita.Testing;
using WebKita.Testing.ApiProcesses;

namespace WebKita.Cluster.Tests.Processes;

/// <summary>
/// Three api processes (<c>dotnet WebKita.Api.dll</c>) on a fresh PostgreSQL database forming one
/// Orleans cluster with fast failure detection, and a county set up through them; shared by the
/// process tests, since starting the processes is most of their time. Each test books its own
/// offering; a test that kills processes leaves their slots down for the next test to restart.
/// </summary>
public sealed class ProcessCluster : IAsyncLifetime
{
    public const string Collection = "process cluster";
    public const int Processes = 3;

    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromMinutes(5));
    private ApiCluster? _cluster;
    private ClusterCounty? _county;

    public ApiCluster Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

    public ClusterCounty County => _county ?? throw new InvalidOperationException("Not started.");

    /// <summary>How long the processes took to start, for the tests' output.</summary>
    public TimeSpan StartTime { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        var database = await (await PostgresServer.Shared).CreateDatabaseAsync(cancellationToken: _deadline.Token);
        _cluster = await ApiCluster.StartAsync(database, Processes, ApiCounty.Settings, _deadline.Token);
        try
        {
            _county = await ClusterCounty.CreateAsync(_cluster, _deadline.Token);
        }
        catch
        {
            // xUnit does not dispose a fixture whose initialisation failed: the processes must not outlive it.
            await DisposeAsync();
            throw;
        }

        StartTime = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        _county?.Dispose();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _deadline.Dispose();
    }
}

[CollectionDefinition(ProcessCluster.Collection)]
public sealed class ProcessClusterCollection : ICollectionFixture<ProcessCluster>;
