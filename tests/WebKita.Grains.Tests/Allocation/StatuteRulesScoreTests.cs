using WebKita.Grains.Allocation;
using static WebKita.Grains.Tests.Allocation.AllocationExamples;

namespace WebKita.Grains.Tests.Allocation;

public sealed class StatuteRulesScoreTests
{
    private static readonly OfferingPlaces AtA = Offering(1, SchoolA, 10);

    [Fact]
    public void Score_TwoGuardiansEmployedAndInTraining_CountsPerGuardian()
    {
        var facts = ApplicantFacts.None with
        {
            Guardians =
            [
                new GuardianSituation(GuardianActivity.Employed, Evidence.VerifiedByStaff),
                new GuardianSituation(GuardianActivity.InTraining, Evidence.VerifiedByStaff),
            ],
        };

        var score = Rules().Score(Child(1, [AtA], facts), SchoolA, siblingGroupPlacedHere: false);

        score.Criteria.Should().Equal(new CriterionScore(Criterion.Employment, 1, 50), new CriterionScore(Criterion.Training, 1, 25));
        score.Total.Should().Be(75);
    }

    [Fact]
    public void Score_UnverifiedEvidence_EarnsNothing()
    {
        var facts = Employed(2, verified: false) with { SingleParent = Evidence.Claimed, Hardship = Evidence.Claimed };

        var score = Rules().Score(Child(1, [AtA], facts), SchoolA, siblingGroupPlacedHere: false);

        score.Criteria.Should().BeEmpty();
        score.Total.Should().Be(0);
    }

    [Fact]
    public void Score_VerifiedEvidence_EarnsEveryCriterion()
    {
        var facts = Employed(1) with
        {
            SingleParent = Evidence.VerifiedByStaff,
            Hardship = Evidence.VerifiedByStaff,
            CatchmentSchools = [SchoolA],
            SchoolsWithSiblingAttending = [SchoolA],
        };

        var score = Rules().Score(Child(1, [AtA], facts, grade: 1), SchoolA, siblingGroupPlacedHere: true);

        score.Criteria.Select(c => (c.Criterion, c.Points)).Should().Equal(
            (Criterion.Employment, 50),
            (Criterion.SingleParent, 60),
            (Criterion.SiblingAtSchool, 40),
            (Criterion.CatchmentArea, 30),
            (Criterion.PriorityGrade, 20),
            (Criterion.Hardship, 100));
        score.Total.Should().Be(300);
    }

    [Fact]
    public void Score_CatchmentAndSiblingOfOtherSchool_EarnNothingHere()
    {
        var facts = ApplicantFacts.None with { CatchmentSchools = [SchoolB], SchoolsWithSiblingAttending = [SchoolB] };

        var score = Rules().Score(Child(1, [AtA], facts), SchoolA, siblingGroupPlacedHere: false);

        score.Total.Should().Be(0);
    }

    [Fact]
    public void Score_RuleRestrictedToOtherSchool_DoesNotCount()
    {
        var rules = Rules() with { Criteria = [new CriterionRule(Criterion.Employment, 50, OnlyAtSchools: [SchoolB])] };
        var child = Child(1, [AtA], Employed(2));

        rules.Score(child, SchoolA, siblingGroupPlacedHere: false).Total.Should().Be(0);
        rules.Score(child, SchoolB, siblingGroupPlacedHere: false).Total.Should().Be(100);
    }

    [Fact]
    public void Problems_DuplicateCriterionAndVersionZero_NamesBoth()
    {
        var rules = Rules(version: 0) with { Criteria = [new CriterionRule(Criterion.Hardship, 10), new CriterionRule(Criterion.Hardship, 20)] };

        rules.Problems().Select(p => p.Field).Should().Equal("version", "criteria");
    }
}
