using WebKita.Grains.Buildings;
using WebKita.Grains.Common;
using WebKita.Grains.Tests.Cluster;
using WebKita.Silo.ReadModels;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Grains.Tests.Buildings;

public sealed class BuildingGrainTests : GrainClusterTest
{
    private static readonly Guid SchoolA = Guid.Parse("5c0a0000-0000-4000-8000-0000000000a1");
    private static readonly Guid SchoolB = Guid.Parse("5c0a0000-0000-4000-8000-0000000000b1");

    [Fact]
    public async Task CreateAsync_NewBuilding_IsListedUnderItsSchoolOnlyAndAuditedOnce()
    {
        var id = Guid.NewGuid();

        var created = await Building(id).CreateAsync(SchoolA, " Hauptgebäude ", [new(" A1.12 ", "Klasse 3a")], Admin);

        created.Value!.Name.Should().Be("Hauptgebäude");
        created.Value.Rooms.Should().Equal(new Room("A1.12", "Klasse 3a"));
        (await Listed(SchoolA)).Should().ContainSingle().Which.Should().BeEquivalentTo(created.Value);
        (await Listed(SchoolB)).Should().BeEmpty();
        var audit = await Cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None);
        audit.Should().ContainSingle().Which.Should().Match<AuditEntry>(a =>
            a.Action == "CreateBuilding" && a.SubjectKind == "building" && a.SubjectId == id && a.ActorId == Admin.AccountId);
    }

    [Fact]
    public async Task CreateAsync_Repeated_RefusesWithExistsAndChangesNothing()
    {
        var id = Guid.NewGuid();
        await Building(id).CreateAsync(SchoolA, "Hauptgebäude", [], Admin);

        var again = await Building(id).CreateAsync(SchoolA, "Turnhalle", [], Admin);

        again.Refusal!.Code.Should().Be("building.exists");
        (await Building(id).FindAsync())!.Name.Should().Be("Hauptgebäude");
        (await Cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None)).Should().ContainSingle();
    }

    [Fact]
    public async Task UpdateAsync_DuplicateRoomCodes_RefusesWithFieldsAndPublishesNothing()
    {
        var id = Guid.NewGuid();
        await Building(id).CreateAsync(SchoolA, "Hauptgebäude", [], Admin);

        var refused = await Building(id).UpdateAsync("Hauptgebäude", [new("A1", "Eins"), new("A1", "Zwei")], Admin);

        refused.Refusal!.Code.Should().Be("building.invalid");
        refused.Refusal.Fields.Should().ContainSingle().Which.Field.Should().Be("rooms");
        (await Cluster.Store.ReadAsync(Key(id), CancellationToken.None))!.Version.Should().Be(1);
    }

    [Fact]
    public async Task UpdateAsync_AfterDeactivation_ReloadsAndPublishesVersion2UnderTheSameSchool()
    {
        var id = Guid.NewGuid();
        await Building(id).CreateAsync(SchoolA, "Hauptgebäude", [], Admin);
        await Cluster.Cluster.DeactivateAsync(Building(id));

        var updated = await Building(id).UpdateAsync("Neubau", [new("B0.01", "Mensa")], Admin);

        updated.Value!.SchoolId.Should().Be(SchoolA);
        (await Cluster.Store.ReadAsync(Key(id), CancellationToken.None))!.Version.Should().Be(2);
        (await Listed(SchoolA)).Should().ContainSingle().Which.Rooms.Should().Equal(new Room("B0.01", "Mensa"));
        (await Cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None)).Select(a => a.Action)
            .Should().Equal("UpdateBuilding", "CreateBuilding");
    }

    [Fact]
    public async Task UpdateAsync_BuildingStoredByTheRuntimeBeforeOrleans_AdoptsTheRowAndKeepsItUnderItsSchool()
    {
        var id = Guid.NewGuid();
        var old = Grains.Buildings.Building.Create(new TenantId(Tenant), id, SchoolB, "Altbau", [new("K1", "Keller")]).Value!;
        await Cluster.Store.CommitAsync(new ChangeSet([new GrainWrite(Key(id), 0, GrainJson.Serialize(old), SchoolB)], [], [], []), CancellationToken.None);

        (await Building(id).FindAsync()).Should().BeEquivalentTo(old);
        var updated = await Building(id).UpdateAsync("Altbau (saniert)", old.Rooms, Admin);

        updated.Value!.Name.Should().Be("Altbau (saniert)");
        (await Cluster.Store.ReadAsync(Key(id), CancellationToken.None))!.Version.Should().Be(2);
        (await Listed(SchoolB)).Should().ContainSingle().Which.Name.Should().Be("Altbau (saniert)");
    }

    [Fact]
    public async Task UpdateAsync_UnknownBuilding_RefusesAndStoresNothing()
    {
        var id = Guid.NewGuid();

        var refused = await Building(id).UpdateAsync("Nirgendwo", [], Admin);

        refused.Refusal!.Code.Should().Be("building.not_found");
        (await Cluster.Store.ReadAsync(Key(id), CancellationToken.None)).Should().BeNull();
    }

    private IBuildingGrain Building(Guid id) => Cluster.Grains.GetGrain<IBuildingGrain>(id, Tenant);

    private Task<IReadOnlyList<Building>> Listed(Guid schoolId) =>
        new StoreReadModel<Building>(Cluster.Store, GrainKinds.Building).ListAsync(new TenantId(Tenant), schoolId, CancellationToken.None);

    private static GrainKey Key(Guid id) => new(Tenant, GrainKinds.Building, id);
}
