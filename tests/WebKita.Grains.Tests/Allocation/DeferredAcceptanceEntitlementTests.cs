using WebKita.Grains.Allocation;
using static WebKita.Grains.Tests.Allocation.AllocationExamples;

namespace WebKita.Grains.Tests.Allocation;

public sealed class DeferredAcceptanceEntitlementTests
{
    private static readonly OfferingPlaces OneAtA = Offering(1, SchoolA, 1);
    private static readonly OfferingPlaces OneAtB = Offering(2, SchoolB, 1);

    [Fact]
    public void Run_EntitledChildWithoutPlace_PlacedAtFirstChoiceAboveCapacityAndShortfallReported()
    {
        var result = DeferredAcceptance.Run(
            [OneAtA, OneAtB],
            [
                Child(1, [OneAtA], Employed(2)),
                Child(2, [OneAtB], Employed(2)),
                Child(3, [OneAtA, OneAtB], grade: 1, entitled: true),
                Child(4, [OneAtA]),
            ],
            Rules(),
            Seed);

        result.For(3).Status.Should().Be(PlacementStatus.PlacedAboveCapacity);
        result.For(3).OfferingId.Should().Be(OneAtA.OfferingId);
        result.For(3).Explanation.Offerings.Select(o => o.Admitted).Should().Equal(true, false);
        result.For(4).Status.Should().Be(PlacementStatus.Waitlisted);
        result.Shortfalls.Should().Equal(new SchoolShortfall(SchoolA, 1));
    }

    [Fact]
    public void Run_EntitledChildAboveCapacity_DoesNotMoveTheCutOff()
    {
        var result = DeferredAcceptance.Run([OneAtA], [Child(1, [OneAtA], Employed(2)), Child(2, [OneAtA], grade: 1, entitled: true)], Rules(), Seed);

        result.For(2).Explanation.Offerings[0].CutOff.Should().Be(new CutOff(100, Lottery.Draw(Seed, ApplicationId(1))));
        result.For(2).Explanation.Offerings[0].Rank.Should().Be(2);
    }

    [Fact]
    public void Run_EntitledChildPlacedAtLaterChoice_NoShortfall()
    {
        var result = DeferredAcceptance.Run(
            [OneAtA, OneAtB],
            [Child(1, [OneAtA], Employed(2)), Child(2, [OneAtA, OneAtB], grade: 1, entitled: true)],
            Rules(),
            Seed);

        result.For(2).Status.Should().Be(PlacementStatus.Placed);
        result.For(2).OfferingId.Should().Be(OneAtB.OfferingId);
        result.Shortfalls.Should().BeEmpty();
    }
}
