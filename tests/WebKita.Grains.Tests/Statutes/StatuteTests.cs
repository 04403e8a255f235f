using WebKita.Grains.Allocation;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;
using WebKita.Grains.Statutes;

namespace WebKita.Grains.Tests.Statutes;

public sealed class StatuteTests
{
    private static readonly TenantId Tenant = new("kreis-a");
    private static readonly Guid Admin = Guid.Parse("ad000000-0000-4000-8000-000000000001");
    private static readonly Guid OtherAdmin = Guid.Parse("ad000000-0000-4000-8000-000000000002");
    private static readonly Guid School = Guid.Parse("5c0a0000-0000-4000-8000-000000000001");
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly GradeRange FirstTwoGrades = new(1, 2);

    private static readonly CriterionRule[] Criteria =
    [
        new(Criterion.Employment, 10),
        new(Criterion.CatchmentArea, 5, [School]),
    ];

    [Fact]
    public void Enact_ValidRules_IsVersion1WithWhoAndWhen()
    {
        var statute = Statute.Enact(Tenant, Criteria, FirstTwoGrades, Admin, Monday).Value!;

        statute.Versions.Should().ContainSingle();
        statute.Current().Should().BeSameAs(statute.Versions[0]);
        statute.Current().Rules.Should().BeEquivalentTo(new StatuteRules(Tenant, 1, Criteria, FirstTwoGrades));
        statute.Current().EnactedBy.Should().Be(Admin);
        statute.Current().EnactedAt.Should().Be(Monday);
    }

    [Fact]
    public void Amend_ChangedRules_AddsNextVersionAndKeepsEarlierOnesUntouched()
    {
        var first = Statute.Enact(Tenant, Criteria, FirstTwoGrades, Admin, Monday).Value!;
        var second = first.Amend([new(Criterion.Employment, 20)], FirstTwoGrades, OtherAdmin, Monday.AddDays(1)).Value!;
        var third = second.Amend([new(Criterion.Hardship, 100)], new GradeRange(1, 1), Admin, Monday.AddDays(2)).Value!;

        third.Versions.Select(v => v.Rules.Version).Should().Equal(1, 2, 3);
        third.Versions[0].Should().BeSameAs(first.Versions[0]);
        third.Versions[1].Should().BeSameAs(second.Versions[1]);
        third.Current().Rules.Should().BeEquivalentTo(new StatuteRules(Tenant, 3, [new CriterionRule(Criterion.Hardship, 100)], new GradeRange(1, 1)));
        third.Versions[1].EnactedBy.Should().Be(OtherAdmin);
        first.Versions.Should().ContainSingle("amending returns a new statute and leaves the old one as it was");
    }

    [Fact]
    public void Amend_SameRulesAgain_ReturnsStatuteUnchanged()
    {
        var statute = Statute.Enact(Tenant, Criteria, FirstTwoGrades, Admin, Monday).Value!;
        CriterionRule[] equalCopy = [new(Criterion.Employment, 10), new(Criterion.CatchmentArea, 5, [School])];

        var outcome = statute.Amend(equalCopy, new GradeRange(1, 2), OtherAdmin, Monday.AddDays(1));

        outcome.Value.Should().BeSameAs(statute);
    }

    [Fact]
    public void Amend_OnlyAtSchoolsDropped_IsAChange()
    {
        var statute = Statute.Enact(Tenant, Criteria, FirstTwoGrades, Admin, Monday).Value!;

        var amended = statute.Amend([new(Criterion.Employment, 10), new(Criterion.CatchmentArea, 5)], FirstTwoGrades, Admin, Monday).Value!;

        amended.Versions.Should().HaveCount(2);
        amended.Current().Rules.Criteria[1].OnlyAtSchools.Should().BeNull();
    }

    [Fact]
    public void Enact_InvalidRules_RefusesWithEveryFieldProblem()
    {
        CriterionRule[] invalid = [new(Criterion.Employment, -1), new(Criterion.Employment, 5), new((Criterion)99, 1)];

        var outcome = Statute.Enact(Tenant, invalid, new GradeRange(3, 2), Admin, Monday);

        outcome.Value.Should().BeNull();
        outcome.Refusal!.Code.Should().Be("statute.invalid");
        outcome.Refusal.Fields.Should().Equal(
            new FieldProblem("criteria", $"points must be between 0 and {CriterionRule.MaxPoints}"),
            new FieldProblem("criteria", "each criterion may appear once"),
            new FieldProblem("priorityGrades", "must be a range from 1 up with lowest <= highest"),
            new FieldProblem("criteria", "names an unknown criterion"));
    }

    [Fact]
    public void Amend_InvalidRules_RefusesAndAddsNoVersion()
    {
        var statute = Statute.Enact(Tenant, Criteria, FirstTwoGrades, Admin, Monday).Value!;

        var outcome = statute.Amend([new(Criterion.Hardship, CriterionRule.MaxPoints + 1)], FirstTwoGrades, Admin, Monday);

        outcome.Refusal!.Fields.Should().Equal(new FieldProblem("criteria", $"points must be between 0 and {CriterionRule.MaxPoints}"));
        statute.Versions.Should().ContainSingle();
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, null)]
    [InlineData(int.MinValue, null)]
    public void Find_Version_ReturnsThatVersionOrNull(int version, int? found)
    {
        var statute = Statute.Enact(Tenant, Criteria, FirstTwoGrades, Admin, Monday).Value!
            .Amend([new(Criterion.Hardship, 1)], FirstTwoGrades, Admin, Monday).Value!;

        statute.Find(version)?.Rules.Version.Should().Be(found);
        (statute.Find(version) is null).Should().Be(found is null);
    }
}
