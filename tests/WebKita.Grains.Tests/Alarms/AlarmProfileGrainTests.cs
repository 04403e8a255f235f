using WebKita.Grains.Alarms;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Grains.Devices;
using WebKita.Grains.Tests.Cluster;
using WebKita.Silo.ReadModels;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Grains.Tests.Alarms;

public sealed class AlarmProfileGrainTests : GrainClusterTest
{
    private static readonly Guid SchoolA = Guid.Parse("5c0a0000-0000-4000-8000-0000000000a1");
    private static readonly AlarmRule ColdRoom = new(
        "temperature_low", new(Measurement.Temperature, Comparison.Below, 16), null, TimeSpan.FromMinutes(20), null, Severity.Minor, [new(12, Severity.Major)], true);

    [Fact]
    public async Task PutAsync_NewProfile_RoundTripsThroughTheClusterAndIsListedAndAudited()
    {
        var id = Guid.NewGuid();

        var put = await Profile(id).PutAsync(" Grundschule Nord ", SchoolA, [ColdRoom], Schedule.Weekdays, TimeSpan.FromHours(3), Admin);

        put.Value!.Name.Should().Be("Grundschule Nord");
        var found = await Profile(id).FindAsync();
        found!.Rules.Should().ContainSingle().Which.Should().BeEquivalentTo(ColdRoom);
        found.Schedule.Hours.Should().Equal(Schedule.Weekdays.Hours);
        var listed = await new StoreReadModel<AlarmProfile>(Cluster.Store, GrainKinds.AlarmProfile).ListAsync(new TenantId(Tenant), CancellationToken.None);
        listed.Should().ContainSingle().Which.Should().BeEquivalentTo(found);
        (await Cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None)).Should().ContainSingle()
            .Which.Should().Match<AuditEntry>(a => a.Action == "PutAlarmProfile" && a.SubjectKind == "alarm-profile" && a.SubjectId == id);
    }

    [Fact]
    public async Task PutAsync_RuleTypedOffline_RefusesAndStoresNothing()
    {
        var id = Guid.NewGuid();

        var refused = await Profile(id).PutAsync("Falsch", null, [ColdRoom with { Type = AlarmProfile.OfflineType }], Schedule.Weekdays, TimeSpan.FromHours(2), Admin);

        refused.Refusal!.Code.Should().Be("alarm_profile.invalid");
        (await Cluster.Store.ReadAsync(Key(id), CancellationToken.None)).Should().BeNull();
        (await Cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task PutAsync_AfterDeactivation_ReplacesTheProfileAsVersion2()
    {
        var id = Guid.NewGuid();
        await Profile(id).PutAsync("Erst", SchoolA, [ColdRoom], Schedule.Weekdays, TimeSpan.FromHours(2), Admin);
        await Cluster.Cluster.DeactivateAsync(Profile(id));

        var replaced = await Profile(id).PutAsync("Dann", null, [], Schedule.Weekdays, TimeSpan.FromMinutes(30), Admin);

        replaced.Value!.SchoolId.Should().BeNull();
        var row = await Cluster.Store.ReadAsync(Key(id), CancellationToken.None);
        row!.Version.Should().Be(2);
        GrainJson.Deserialize<AlarmProfile>(row.State).Should().Match<AlarmProfile>(p => p.Name == "Dann" && p.Rules.Count == 0 && p.OfflineAfter == TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task PutAsync_ProfileStoredByTheRuntimeBeforeOrleans_AdoptsTheRowAndReplacesIt()
    {
        var id = Guid.NewGuid();
        var old = AlarmProfile.Create(new TenantId(Tenant), id, "Alt", SchoolA, [ColdRoom], Schedule.Weekdays, TimeSpan.FromHours(2)).Value!;
        await Cluster.Store.CommitAsync(new ChangeSet([new GrainWrite(Key(id), 0, GrainJson.Serialize(old))], [], [], []), CancellationToken.None);

        (await Profile(id).FindAsync()).Should().BeEquivalentTo(old);
        await Profile(id).PutAsync("Neu", SchoolA, [ColdRoom], Schedule.Weekdays, TimeSpan.FromHours(2), Admin);

        var row = await Cluster.Store.ReadAsync(Key(id), CancellationToken.None);
        row!.Version.Should().Be(2);
        GrainJson.Deserialize<AlarmProfile>(row.State).Name.Should().Be("Neu");
    }

    private IAlarmProfileGrain Profile(Guid id) => Cluster.Grains.GetGrain<IAlarmProfileGrain>(id, Tenant);

    private static GrainKey Key(Guid id) => new(Tenant, GrainKinds.AlarmProfile, id);
}
