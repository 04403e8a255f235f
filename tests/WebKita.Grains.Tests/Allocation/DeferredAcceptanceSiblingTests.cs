using WebKita.Grains.Allocation;
using static WebKita.Grains.Tests.Allocation.AllocationExamples;

namespace WebKita.Grains.Tests.Allocation;

public sealed class DeferredAcceptanceSiblingTests
{
    private static readonly Guid Family = Guid.Parse("fa000000-0000-4000-8000-000000000001");
    private static readonly OfferingPlaces TwoAtA = Offering(1, SchoolA, 2);
    private static readonly OfferingPlaces FiveAtB = Offering(2, SchoolB, 5);

    // The older sibling (100 points) gets into A in the first pass; the younger (0) loses to child 3 (25).
    private static Applicant[] Applicants(Guid? siblings) =>
    [
        Child(1, [TwoAtA, FiveAtB], Employed(2), siblings: siblings),
        Child(2, [TwoAtA, FiveAtB], siblings: siblings),
        Child(3, [TwoAtA, FiveAtB], Training(1)),
    ];

    [Fact]
    public void Run_SiblingsApplyingTogether_PlacedTogetherAtAnchorSchool()
    {
        var result = DeferredAcceptance.Run([TwoAtA, FiveAtB], Applicants(Family), Rules(), Seed);

        result.For(1).OfferingId.Should().Be(TwoAtA.OfferingId);
        result.For(2).OfferingId.Should().Be(TwoAtA.OfferingId);
        result.For(3).OfferingId.Should().Be(FiveAtB.OfferingId);
    }

    [Fact]
    public void Run_SiblingsApplyingTogether_ExplanationShowsSiblingPointsAtAnchorOnly()
    {
        var result = DeferredAcceptance.Run([TwoAtA, FiveAtB], Applicants(Family), Rules(), Seed);

        var standings = result.For(2).Explanation.Offerings;
        standings[0].Score.Criteria.Should().Equal(new CriterionScore(Criterion.SiblingAtSchool, 1, 40));
        standings[1].Score.Criteria.Should().BeEmpty();
        result.For(1).Explanation.Offerings[0].Score.Total.Should().Be(140);
    }

    [Fact]
    public void Run_SameChildrenWithoutSiblingGroup_YoungerGoesToSecondChoice()
    {
        var result = DeferredAcceptance.Run([TwoAtA, FiveAtB], Applicants(null), Rules(), Seed);

        result.For(1).OfferingId.Should().Be(TwoAtA.OfferingId);
        result.For(2).OfferingId.Should().Be(FiveAtB.OfferingId);
        result.For(3).OfferingId.Should().Be(TwoAtA.OfferingId);
    }

    [Fact]
    public void Run_NoRoomAtAnchorForSibling_PlacedSiblingKeepsPlace()
    {
        var oneAtA = Offering(1, SchoolA, 1);
        var applicants = new[]
        {
            Child(1, [oneAtA, FiveAtB], Employed(1), siblings: Family),
            Child(2, [oneAtA, FiveAtB], Training(1), siblings: Family),
        };

        var result = DeferredAcceptance.Run([oneAtA, FiveAtB], applicants, Rules(), Seed);

        // Both get the sibling points at A. Were they given only to the child placed elsewhere
        // (65 against 50), the two would swap schools and still be apart.
        result.For(1).OfferingId.Should().Be(oneAtA.OfferingId);
        result.For(2).OfferingId.Should().Be(FiveAtB.OfferingId);
        result.For(1).Explanation.Offerings[0].Score.Total.Should().Be(90);
        result.For(2).Explanation.Offerings[0].Score.Total.Should().Be(65);
    }

    [Fact]
    public void Run_SiblingAlreadyAttending_CountsInFirstPass()
    {
        var oneAtA = Offering(1, SchoolA, 1);
        var applicants = new[]
        {
            Child(1, [oneAtA], ApplicantFacts.None with { SchoolsWithSiblingAttending = [SchoolA] }),
            Child(2, [oneAtA], Employed(0) with { CatchmentSchools = [SchoolA] }),
        };

        var result = DeferredAcceptance.Run([oneAtA], applicants, Rules(), Seed);

        result.For(1).Status.Should().Be(PlacementStatus.Placed);
        result.For(1).Explanation.Offerings[0].CutOff.Should().Be(new CutOff(40, Lottery.Draw(Seed, ApplicationId(1))));
    }
}
