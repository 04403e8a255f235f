using WebKita.Grains.Common;

namespace WebKita.Grains.Tests.Cluster;

/// <summary>A test class with its own <see cref="GrainCluster"/>, acting in one tenant as its county admin.</summary>
public abstract class GrainClusterTest : IAsyncLifetime
{
    protected const string Tenant = "kreis-a";
    protected static readonly ChangedBy Admin = new(Guid.Parse("ad000000-0000-4000-8000-000000000001"), "CountyAdmin");

    protected GrainCluster Cluster { get; } = new();

    public Task InitializeAsync() => Cluster.InitializeAsync();

    public Task DisposeAsync() => Cluster.DisposeAsync();
}
