using WebKita.Grains.Allocation;
using WebKita.Grains.Offerings;
using WebKita.Grains.Statutes;
using WebKita.Grains.Tests.Cluster;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Grains.Tests.Statutes;

public sealed class StatuteGrainTests : GrainClusterTest
{
    private static readonly GradeRange FirstTwoGrades = new(1, 2);

    [Fact]
    public async Task AmendAsync_SameRulesTwiceThenOther_KeepsTwoVersionsAndAuditsTwo()
    {
        var statute = Cluster.Grains.GetGrain<IStatuteGrain>(Tenant);
        CriterionRule[] first = [new(Criterion.Employment, 10), new(Criterion.CatchmentArea, 5, [Guid.NewGuid()])];
        CriterionRule[] second = [new(Criterion.Employment, 12)];

        await statute.AmendAsync(first, FirstTwoGrades, Admin.AccountId, Admin);
        await statute.AmendAsync(first, FirstTwoGrades, Admin.AccountId, Admin);
        await Cluster.Cluster.DeactivateAsync(statute);
        var amended = await statute.AmendAsync(second, FirstTwoGrades, Admin.AccountId, Admin);

        amended.Value!.Versions.Select(v => v.Rules.Version).Should().Equal(1, 2);
        amended.Value.Find(1)!.Rules.Criteria.Should().BeEquivalentTo(first);
        var row = await Cluster.Store.ReadAsync(new GrainKey(Tenant, GrainKinds.Statute, StatuteGrain.Id), CancellationToken.None);
        GrainJson.Deserialize<Statute>(row!.State).Versions.Should().HaveCount(2);
        (await Cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None)).Select(a => a.Action)
            .Should().Equal("AmendStatute", "AmendStatute");
    }

    [Fact]
    public async Task AmendAsync_InvalidRules_RefusesAndStoresNothing()
    {
        var statute = Cluster.Grains.GetGrain<IStatuteGrain>(Tenant);

        var refused = await statute.AmendAsync([new(Criterion.Employment, -1)], new GradeRange(3, 1), Admin.AccountId, Admin);

        refused.Refusal!.Code.Should().Be("statute.invalid");
        (await statute.FindAsync()).Should().BeNull();
        (await Cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None)).Should().BeEmpty();
    }
}
