using WebKita.Grains.Allocation;
using static WebKita.Grains.Tests.Allocation.AllocationExamples;

namespace WebKita.Grains.Tests.Allocation;

/// <summary>Invariants over 200 generated instances; each instance comes from a logged seed, so a failure names it.</summary>
public sealed class DeferredAcceptancePropertyTests
{
    public static TheoryData<int> Instances()
    {
        var data = new TheoryData<int>();
        foreach (var n in Enumerable.Range(0, 200))
        {
            data.Add(n);
        }

        return data;
    }

    private static RandomInstance Instance(int n)
    {
        var random = new Random(20260401 + n);
        return RandomInstance.Create(random, random.Next(50, 301), random.Next(5, 21));
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void Run_RandomInstance_RespectsCapacityEntitlementAndStability(int n)
    {
        var instance = Instance(n);

        var result = DeferredAcceptance.Run(instance.Offerings, instance.Applicants, Rules(), Seed);

        result.ShouldHoldFor(instance);
    }

    /// <summary>Everything a placement says, as one string; far faster to compare than an object graph.</summary>
    private static string Fingerprint(Placement p) =>
        $"{p.ApplicationId} {p.Status} {p.OfferingId} {p.Explanation.Seed} {p.Explanation.RulesVersion} {p.Explanation.LotteryNumber} "
        + string.Join(
            " | ",
            p.Explanation.Offerings.Select(s =>
                $"{s.OfferingId} {s.SchoolId} {s.Choice} {s.Rank}/{s.Applicants} {s.Capacity} {s.CutOff} {s.Admitted} {string.Join(',', s.Score.Criteria)}"));

    [Theory]
    [MemberData(nameof(Instances))]
    public void Run_SameSeedTwice_SameResult(int n)
    {
        var instance = Instance(n);

        var first = DeferredAcceptance.Run(instance.Offerings, instance.Applicants, Rules(), Seed);
        var second = DeferredAcceptance.Run(instance.Offerings, instance.Applicants.Reverse().ToArray(), Rules(), Seed);

        // The input order must not matter: the application id, not the position, breaks a lottery collision.
        second.Placements.Reverse().Select(Fingerprint).Should().Equal(first.Placements.Select(Fingerprint));
        second.Shortfalls.Should().Equal(first.Shortfalls);
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void Run_OtherSeed_DiffersOnlyInTieOrder(int n)
    {
        var instance = Instance(n);

        var first = DeferredAcceptance.Run(instance.Offerings, instance.Applicants, Rules(), Seed);
        var other = DeferredAcceptance.Run(instance.Offerings, instance.Applicants, Rules(), "another published seed");

        other.ShouldHoldFor(instance);
        first.ShouldHaveNoBlockingPair(instance, pointsOnly: true);
        other.ShouldHaveNoBlockingPair(instance, pointsOnly: true);
        var points = (AllocationResult r) => r.Placements.Select(p => p.Explanation.Offerings.Select(s => s.Score.Total).ToArray()).ToArray();
        // Points are decided before the lottery, except sibling points, which follow where the group was placed.
        var withoutSiblings = instance.Applicants.Select(a => a.SiblingGroupId is null).ToArray();
        points(other).Where((_, i) => withoutSiblings[i]).Should().BeEquivalentTo(points(first).Where((_, i) => withoutSiblings[i]), o => o.WithStrictOrdering());
    }
}
