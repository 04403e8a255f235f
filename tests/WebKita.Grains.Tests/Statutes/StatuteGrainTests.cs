using WebKita.Grains.Allocation;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;
using WebKita.Grains.Statutes;
using WebKita.Grains.Tests.Cluster;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Grains.Tests.Statutes;

public sealed class StatuteGrainTests : IAsyncLifetime
{
    private const string Tenant = "kreis-a";
    private static readonly ChangedBy Admin = new(Guid.Parse("ad000000-0000-4000-8000-000000000001"), "CountyAdmin");
    private static readonly GradeRange FirstTwoGrades = new(1, 2);

    private readonly GrainCluster _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task AmendAsync_SameRulesTwiceThenOther_KeepsTwoVersionsAndAuditsTwo()
    {
        var statute = _cluster.Grains.GetGrain<IStatuteGrain>(Tenant);
        CriterionRule[] first = [new(Criterion.Employment, 10), new(Criterion.CatchmentArea, 5, [Guid.NewGuid()])];
        CriterionRule[] second = [new(Criterion.Employment, 12)];

        await statute.AmendAsync(first, FirstTwoGrades, Admin.AccountId, Admin);
        await statute.AmendAsync(first, FirstTwoGrades, Admin.AccountId, Admin);
        await _cluster.Cluster.DeactivateAsync(statute);
        var amended = await statute.AmendAsync(second, FirstTwoGrades, Admin.AccountId, Admin);

        amended.Value!.Versions.Select(v => v.Rules.Version).Should().Equal(1, 2);
        amended.Value.Find(1)!.Rules.Criteria.Should().BeEquivalentTo(first);
        var row = await _cluster.Store.ReadAsync(new GrainKey(Tenant, GrainKinds.Statute, StatuteGrain.Id), CancellationToken.None);
        GrainJson.Deserialize<Statute>(row!.State).Versions.Should().HaveCount(2);
        (await _cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None)).Select(a => a.Action)
            .Should().Equal("AmendStatute", "AmendStatute");
    }

    [Fact]
    public async Task AmendAsync_InvalidRules_RefusesAndStoresNothing()
    {
        var statute = _cluster.Grains.GetGrain<IStatuteGrain>(Tenant);

        var refused = await statute.AmendAsync([new(Criterion.Employment, -1)], new GradeRange(3, 1), Admin.AccountId, Admin);

        refused.Refusal!.Code.Should().Be("statute.invalid");
        (await statute.FindAsync()).Should().BeNull();
        (await _cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None)).Should().BeEmpty();
    }
}
