using WebKita.Grains.Allocation;
using static WebKita.Grains.Tests.Allocation.AllocationExamples;

namespace WebKita.Grains.Tests.Allocation;

public sealed class DeferredAcceptanceExplanationTests
{
    [Fact]
    public void Run_WaitlistedAtFirstChoice_ExplainsPointsRanksAndCutOffs()
    {
        var twoAtA = Offering(1, SchoolA, 2);
        var oneAtB = Offering(2, SchoolB, 1);
        var facts = Employed(1) with { CatchmentSchools = [SchoolB] };
        var applicants = new[]
        {
            Child(1, [twoAtA, oneAtB], facts, grade: 2),
            Child(2, [twoAtA], Employed(2)),
            Child(3, [twoAtA], Employed(2) with { SingleParent = Evidence.VerifiedByStaff }),
            Child(4, [oneAtB]),
        };

        var result = DeferredAcceptance.Run([twoAtA, oneAtB], applicants, Rules(), Seed);

        var placement = result.For(1);
        placement.Status.Should().Be(PlacementStatus.Placed);
        placement.OfferingId.Should().Be(oneAtB.OfferingId);
        placement.Explanation.Should().BeEquivalentTo(new Explanation(
            Seed,
            3,
            Lottery.Draw(Seed, ApplicationId(1)),
            [
                new OfferingStanding(
                    twoAtA.OfferingId,
                    SchoolA,
                    Choice: 1,
                    new Score([new(Criterion.Employment, 1, 50), new(Criterion.PriorityGrade, 1, 20)]),
                    Rank: 3,
                    Applicants: 3,
                    Capacity: 2,
                    new CutOff(100, Lottery.Draw(Seed, ApplicationId(2))),
                    Admitted: false),
                new OfferingStanding(
                    oneAtB.OfferingId,
                    SchoolB,
                    Choice: 2,
                    new Score([new(Criterion.Employment, 1, 50), new(Criterion.CatchmentArea, 1, 30), new(Criterion.PriorityGrade, 1, 20)]),
                    Rank: 1,
                    Applicants: 2,
                    Capacity: 1,
                    new CutOff(100, Lottery.Draw(Seed, ApplicationId(1))),
                    Admitted: true),
            ]),
            options => options.WithStrictOrdering());
        result.For(4).Explanation.Offerings.Single().Rank.Should().Be(2);
    }

    [Fact]
    public void Run_OfferingWithoutPlaces_HasNoCutOff()
    {
        var none = Offering(1, SchoolA, 0);

        var result = DeferredAcceptance.Run([none], [Child(1, [none])], Rules(), Seed);

        result.For(1).Status.Should().Be(PlacementStatus.Waitlisted);
        result.For(1).Explanation.Offerings[0].CutOff.Should().BeNull();
    }
}
