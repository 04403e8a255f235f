using WebKita.Grains.Schools;
using WebKita.Grains.Statutes;
using WebKita.Silo.Cluster;
using WebKita.Silo.Devices;

namespace WebKita.Grains.Tests.Cluster;

/// <summary>References built from names resolved once reach the same grain as Orleans' own GetGrain.</summary>
public sealed class GrainReferencesTests : GrainClusterTest
{
    [Fact]
    public async Task Grain_GuidAndTenantKey_SameGrainAsGetGrain()
    {
        var id = Guid.NewGuid();
        var ours = Cluster.Grains.Grain<ISchoolGrain>(id, Tenant);
        var theirs = Cluster.Grains.GetGrain<ISchoolGrain>(id, Tenant);

        ((GrainReference)ours).GrainId.Should().Be(((GrainReference)theirs).GrainId);
        await ours.CreateAsync("Grundschule am Park", null, Admin);
        (await theirs.FindAsync())!.Name.Should().Be("Grundschule am Park");
        ((GrainReference)Cluster.Grains.Grain<ISchoolGrain>(Guid.NewGuid(), "kreis-b")).GrainId.Should().NotBe(((GrainReference)ours).GrainId);
    }

    [Fact]
    public void Grain_StringKey_SameGrainAsGetGrain()
    {
        var ours = (GrainReference)Cluster.Grains.Grain<IStatuteGrain>(Tenant);
        var theirs = (GrainReference)Cluster.Grains.GetGrain<IStatuteGrain>(Tenant);

        ours.GrainId.Should().Be(theirs.GrainId);
        ours.InterfaceType.Should().Be(theirs.InterfaceType);
    }

    [Fact]
    public void Grain_IntegerKey_SameGrainAsGetGrain()
    {
        var ours = (GrainReference)Cluster.Grains.Grain<IDeviceShardGrain>(7);
        var theirs = (GrainReference)Cluster.Grains.GetGrain<IDeviceShardGrain>(7);

        ours.GrainId.Should().Be(theirs.GrainId);
        ((GrainReference)Cluster.Grains.Grain<IDeviceShardGrain>(8)).GrainId.Should().NotBe(ours.GrainId);
    }
}
