using WebKita.Grains.Allocation;
using static WebKita.Grains.Tests.Allocation.AllocationExamples;

namespace WebKita.Grains.Tests.Allocation;

/// <summary>Hand-made cases whose outcome can be checked with pencil and paper.</summary>
public sealed class DeferredAcceptanceRunTests
{
    private static readonly OfferingPlaces OneAtA = Offering(1, SchoolA, 1);
    private static readonly OfferingPlaces OneAtB = Offering(2, SchoolB, 1);

    [Fact]
    public void Run_MorePoints_GetsThePlaceAndOtherWaits()
    {
        var result = DeferredAcceptance.Run([OneAtA], [Child(1, [OneAtA]), Child(2, [OneAtA], Employed(1))], Rules(), Seed);

        result.For(2).Status.Should().Be(PlacementStatus.Placed);
        result.For(2).OfferingId.Should().Be(OneAtA.OfferingId);
        result.For(1).Status.Should().Be(PlacementStatus.Waitlisted);
        result.For(1).OfferingId.Should().BeNull();
        result.For(1).Explanation.Offerings.Single().Rank.Should().Be(2);
    }

    [Fact]
    public void Run_EqualPoints_LowerLotteryNumberWins()
    {
        var (winner, loser) = Lottery.Draw(Seed, ApplicationId(1)) < Lottery.Draw(Seed, ApplicationId(2)) ? (1, 2) : (2, 1);

        var result = DeferredAcceptance.Run([OneAtA], [Child(1, [OneAtA], Employed(1)), Child(2, [OneAtA], Employed(1))], Rules(), Seed);

        result.For(winner).Status.Should().Be(PlacementStatus.Placed);
        result.For(loser).Status.Should().Be(PlacementStatus.Waitlisted);
    }

    [Fact]
    public void Run_EqualPointsUnderOtherSeeds_TieGoesEitherWay()
    {
        var applicants = new[] { Child(1, [OneAtA]), Child(2, [OneAtA]) };

        var winners = Enumerable.Range(0, 20)
            .Select(n => DeferredAcceptance.Run([OneAtA], applicants, Rules(), $"seed-{n}").Placements.Single(p => p.Status == PlacementStatus.Placed).ApplicationId)
            .Distinct();

        winners.Should().BeEquivalentTo([ApplicationId(1), ApplicationId(2)]);
    }

    [Fact]
    public void Run_UnverifiedEvidenceForMoreGuardians_LosesToVerified()
    {
        var result = DeferredAcceptance.Run([OneAtA], [Child(1, [OneAtA], Employed(1)), Child(2, [OneAtA], Employed(2, verified: false))], Rules(), Seed);

        result.For(1).Status.Should().Be(PlacementStatus.Placed);
        result.For(2).Explanation.Offerings.Single().Score.Total.Should().Be(0);
    }

    [Fact]
    public void Run_FirstChoiceTakenByHigherRanked_GetsSecondChoice()
    {
        var result = DeferredAcceptance.Run(
            [OneAtA, OneAtB],
            [Child(1, [OneAtB]), Child(2, [OneAtA, OneAtB], Employed(1)), Child(3, [OneAtA], Employed(2))],
            Rules(),
            Seed);

        result.For(3).OfferingId.Should().Be(OneAtA.OfferingId);
        result.For(2).OfferingId.Should().Be(OneAtB.OfferingId);
        result.For(1).Status.Should().Be(PlacementStatus.Waitlisted);
    }

    [Fact]
    public void Run_AnyInput_FollowsInputOrderAndRecordsSeedAndRules()
    {
        var result = DeferredAcceptance.Run([OneAtA], [Child(2, [OneAtA]), Child(1, [OneAtA])], Rules(), Seed);

        result.Placements.Select(p => p.ApplicationId).Should().Equal(ApplicationId(2), ApplicationId(1));
        result.Tenant.Should().Be(Tenant);
        result.RulesVersion.Should().Be(3);
        result.Seed.Should().Be(Seed);
    }

    [Fact]
    public void Run_UnknownOffering_Throws()
    {
        var run = () => DeferredAcceptance.Run([OneAtA], [Child(1, [OneAtB])], Rules(), Seed);

        run.Should().Throw<ArgumentException>().WithMessage($"Application {ApplicationId(1)} asks for offering {OneAtB.OfferingId}, which is not in this run.*");
    }

    [Fact]
    public void Run_SameApplicationTwice_Throws()
    {
        var run = () => DeferredAcceptance.Run([OneAtA], [Child(1, [OneAtA]), Child(1, [OneAtA])], Rules(), Seed);

        run.Should().Throw<ArgumentException>().WithMessage($"Application {ApplicationId(1)} is listed twice.*");
    }
}
