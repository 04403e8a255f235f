using WebKita.Grains.Allocation;

namespace WebKita.Grains.Tests.Allocation;

/// <summary>
/// Checks a result against its inputs without trusting the implementation's ranking: the order
/// at each offering is recomputed from the points and lottery numbers the explanation reports.
/// </summary>
internal static class AllocationInvariants
{
    public static void ShouldHoldFor(this AllocationResult result, RandomInstance instance)
    {
        var offerings = instance.Offerings.ToDictionary(o => o.OfferingId);
        var placements = result.Placements;
        placements.Select(p => p.ApplicationId).Should().Equal(instance.Applicants.Select(a => a.ApplicationId));

        foreach (var offering in instance.Offerings)
        {
            var asked = Askers(result, offering.OfferingId);
            asked.Select(x => x.Standing.Rank).Should().Equal(Enumerable.Range(1, asked.Count), "ranks follow points, then lottery");
            var within = asked.Where(x => x.Placement.Status == PlacementStatus.Placed && x.Placement.OfferingId == offering.OfferingId).ToList();
            within.Count.Should().BeLessThanOrEqualTo(offering.Capacity);
            var expectedCutOff = within.Count == 0 ? null : new CutOff(within[^1].Standing.Score.Total, within[^1].Placement.Explanation.LotteryNumber);
            asked.All(x => x.Standing.CutOff == expectedCutOff).Should().BeTrue($"the cut-off at {offering.OfferingId} is {expectedCutOff}");
        }

        var aboveCapacity = placements.Where(p => p.Status == PlacementStatus.PlacedAboveCapacity).ToList();
        aboveCapacity.All(p => p.OfferingId == p.Explanation.Offerings[0].OfferingId).Should().BeTrue("overflow goes to the first choice");
        var shortfall = aboveCapacity.GroupBy(p => offerings[p.OfferingId!.Value].SchoolId).OrderBy(g => g.Key).Select(g => new SchoolShortfall(g.Key, g.Count()));
        result.Shortfalls.Should().Equal(shortfall);

        for (var i = 0; i < placements.Count; i++)
        {
            var applicant = instance.Applicants[i];
            var placement = placements[i];
            (placement.Status == PlacementStatus.PlacedAboveCapacity).Should().Be(applicant.HasLegalEntitlement && placement.Status != PlacementStatus.Placed);
            placement.Status.Should().NotBe(applicant.HasLegalEntitlement ? PlacementStatus.Waitlisted : PlacementStatus.PlacedAboveCapacity);
        }

        result.ShouldHaveNoBlockingPair(instance, pointsOnly: false);
    }

    /// <summary>
    /// No applicant prefers an offering that has a free place or admitted (within capacity) someone
    /// it ranks lower. With <paramref name="pointsOnly"/>, "lower" means fewer points, which must hold
    /// whatever the seed: a seed only decides ties.
    /// </summary>
    public static void ShouldHaveNoBlockingPair(this AllocationResult result, RandomInstance instance, bool pointsOnly)
    {
        var admitted = instance.Offerings.ToDictionary(
            o => o.OfferingId,
            o => Askers(result, o.OfferingId).Where(x => x.Placement.Status == PlacementStatus.Placed && x.Placement.OfferingId == o.OfferingId).ToList());
        var capacities = instance.Offerings.ToDictionary(o => o.OfferingId, o => o.Capacity);
        foreach (var placement in result.Placements)
        {
            var standings = placement.Explanation.Offerings;
            var held = standings.ToList().FindIndex(s => s.Admitted);
            var better = placement.Status == PlacementStatus.Waitlisted ? standings : standings.Take(held);
            foreach (var standing in better)
            {
                var others = admitted[standing.OfferingId];
                others.Count.Should().Be(capacities[standing.OfferingId], $"{placement.ApplicationId} wants {standing.OfferingId}, which must be full");
                var lowest = others.Count == 0 ? null : others[^1];
                if (lowest is not null)
                {
                    var outranks = pointsOnly
                        ? standing.Score.Total > lowest.Standing.Score.Total
                        : Compare(standing, placement, lowest.Standing, lowest.Placement) < 0;
                    outranks.Should().BeFalse($"{placement.ApplicationId} outranks {lowest.Placement.ApplicationId} at {standing.OfferingId}");
                }
            }
        }
    }

    private static List<Asker> Askers(AllocationResult result, Guid offeringId)
    {
        var asked = result.Placements
            .SelectMany(p => p.Explanation.Offerings.Where(s => s.OfferingId == offeringId).Select(s => new Asker(p, s)))
            .ToList();
        asked.Sort((x, y) => Compare(x.Standing, x.Placement, y.Standing, y.Placement));
        return asked;
    }

    private static int Compare(OfferingStanding x, Placement xPlacement, OfferingStanding y, Placement yPlacement)
    {
        var byPoints = y.Score.Total.CompareTo(x.Score.Total);
        var byLot = xPlacement.Explanation.LotteryNumber.CompareTo(yPlacement.Explanation.LotteryNumber);
        return byPoints != 0 ? byPoints : byLot != 0 ? byLot : xPlacement.ApplicationId.CompareTo(yPlacement.ApplicationId);
    }

    private sealed record Asker(Placement Placement, OfferingStanding Standing);
}
