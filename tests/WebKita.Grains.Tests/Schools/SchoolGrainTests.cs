using WebKita.Grains.Common;
using WebKita.Grains.Schools;
using WebKita.Grains.Tests.Cluster;
using WebKita.Silo.ReadModels;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Grains.Tests.Schools;

public sealed class SchoolGrainTests : GrainClusterTest
{
    [Fact]
    public async Task CreateAsync_NewSchool_IsStoredPublishedAndAuditedOnce()
    {
        var id = Guid.NewGuid();

        var created = await School(id).CreateAsync(" Grundschule Am Park ", "Parkweg 1", Admin);

        created.Value.Should().Be(new School(new TenantId(Tenant), id, "Grundschule Am Park", "Parkweg 1"));
        (await School(id).FindAsync()).Should().Be(created.Value);
        var row = await Cluster.Store.ReadAsync(Key(id), CancellationToken.None);
        row!.Version.Should().Be(1);
        GrainJson.Deserialize<School>(row.State).Should().Be(created.Value);
        var audit = await Cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None);
        audit.Should().ContainSingle().Which.Should().Match<AuditEntry>(a =>
            a.Action == "CreateSchool" && a.SubjectKind == "school" && a.SubjectId == id && a.ActorId == Admin.AccountId && a.ActorRole == "CountyAdmin");
    }

    [Fact]
    public async Task CreateAsync_Repeated_RefusesWithExistsAndChangesNothing()
    {
        var id = Guid.NewGuid();
        await School(id).CreateAsync("Grundschule Nord", null, Admin);

        var again = await School(id).CreateAsync("Grundschule Süd", null, Admin);

        again.Refusal!.Code.Should().Be("school.exists");
        (await School(id).FindAsync())!.Name.Should().Be("Grundschule Nord");
        (await Cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None)).Should().ContainSingle();
    }

    [Fact]
    public async Task CreateAsync_SameSchoolTwiceAtOnce_CreatesOnceAndRefusesTheOther()
    {
        var id = Guid.NewGuid();

        var outcomes = await Task.WhenAll(School(id).CreateAsync("GS A", null, Admin), School(id).CreateAsync("GS B", null, Admin));

        outcomes.Should().ContainSingle(o => o.Refusal == null);
        outcomes.Single(o => o.Refusal != null).Refusal!.Code.Should().Be("school.exists");
        var listed = await new StoreReadModel<School>(Cluster.Store, GrainKinds.School).ListAsync(new TenantId(Tenant), CancellationToken.None);
        listed.Should().ContainSingle().Which.Should().Be(outcomes.Single(o => o.Refusal == null).Value);
    }

    [Fact]
    public async Task UpdateAsync_InvalidName_RefusesWithFieldsAndAuditsNothing()
    {
        var id = Guid.NewGuid();
        await School(id).CreateAsync("Grundschule Nord", null, Admin);

        var refused = await School(id).UpdateAsync(" ", null, Admin);

        refused.Refusal!.Code.Should().Be("school.invalid");
        refused.Refusal.Fields.Should().ContainSingle().Which.Field.Should().Be("name");
        (await Cluster.Store.ReadAsync(Key(id), CancellationToken.None))!.Version.Should().Be(1);
        (await Cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None)).Should().ContainSingle();
    }

    [Fact]
    public async Task UpdateAsync_AfterDeactivation_ReloadsFromGrainStorageAndPublishesVersion2()
    {
        var id = Guid.NewGuid();
        await School(id).CreateAsync("Grundschule Nord", null, Admin);
        await Cluster.Cluster.DeactivateAsync(School(id));

        var updated = await School(id).UpdateAsync("Grundschule Nord-West", "Am Hang 2", Admin);

        updated.Value!.Name.Should().Be("Grundschule Nord-West");
        var row = await Cluster.Store.ReadAsync(Key(id), CancellationToken.None);
        row!.Version.Should().Be(2);
        GrainJson.Deserialize<School>(row.State).Address.Should().Be("Am Hang 2");
        (await Cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None)).Select(a => a.Action)
            .Should().Equal("UpdateSchool", "CreateSchool");
    }

    [Fact]
    public async Task FindAsync_SchoolStoredByTheRuntimeBeforeOrleans_AdoptsTheRowAndUpdatesIt()
    {
        var id = Guid.NewGuid();
        var old = new School(new TenantId(Tenant), id, "Alte Schule", null);
        await Cluster.Store.CommitAsync(new ChangeSet([new GrainWrite(Key(id), 0, GrainJson.Serialize(old))], [], [], []), CancellationToken.None);

        (await School(id).FindAsync()).Should().Be(old);
        var updated = await School(id).UpdateAsync("Alte Schule am Markt", null, Admin);

        updated.Value!.Name.Should().Be("Alte Schule am Markt");
        (await Cluster.Store.ReadAsync(Key(id), CancellationToken.None))!.Version.Should().Be(2);
    }

    [Fact]
    public async Task CreateAsync_ByNobodyAudited_PublishesWithoutAuditEntry()
    {
        var id = Guid.NewGuid();

        await School(id).CreateAsync("Demo-Schule", null, by: null);

        (await Cluster.Store.ReadAsync(Key(id), CancellationToken.None)).Should().NotBeNull();
        (await Cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None)).Should().BeEmpty();
    }

    private ISchoolGrain School(Guid id) => Cluster.Grains.GetGrain<ISchoolGrain>(id, Tenant);

    private static GrainKey Key(Guid id) => new(Tenant, GrainKinds.School, id);
}
