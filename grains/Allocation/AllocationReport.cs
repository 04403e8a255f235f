using System.Runtime.CompilerServices;

namespace WebKita.Grains.Allocation;

/// <summary>Turns the final pass into placements, explanations and shortfalls; places entitled children left without a place.</summary>
internal static class AllocationReport
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static AllocationResult Write(
        IReadOnlyList<OfferingPlaces> offerings,
        IReadOnlyList<Applicant> applicants,
        StatuteRules rules,
        string seed,
        int[][] choices,
        ulong[] lottery,
        ProposalRound round)
    {
        var cutOffs = CutOffs(offerings.Count, choices, lottery, round);
        var shortfall = new Dictionary<Guid, int>();
        var placements = new Placement[applicants.Count];
        for (var a = 0; a < applicants.Count; a++)
        {
            var (status, choice) = round.HeldChoice[a] >= 0 ? (PlacementStatus.Placed, round.HeldChoice[a])
                : applicants[a].HasLegalEntitlement ? (PlacementStatus.PlacedAboveCapacity, 0)
                : (PlacementStatus.Waitlisted, -1);
            if (status == PlacementStatus.PlacedAboveCapacity)
            {
                var school = offerings[choices[a][0]].SchoolId;
                shortfall[school] = shortfall.GetValueOrDefault(school) + 1;
            }

            var standings = new OfferingStanding[choices[a].Length];
            for (var c = 0; c < choices[a].Length; c++)
            {
                var o = choices[a][c];
                var offering = offerings[o];
                standings[c] = new OfferingStanding(
                    offering.OfferingId,
                    offering.SchoolId,
                    c + 1,
                    round.Scores[a][c],
                    round.Ranks[a][c] + 1,
                    round.Orders[o].Length,
                    offering.Capacity,
                    cutOffs[o],
                    c == choice);
            }

            var offeringId = choice >= 0 ? offerings[choices[a][choice]].OfferingId : (Guid?)null;
            placements[a] = new Placement(applicants[a].ApplicationId, status, offeringId, new Explanation(seed, rules.Version, lottery[a], standings));
        }

        var shortfalls = shortfall.OrderBy(s => s.Key).Select(s => new SchoolShortfall(s.Key, s.Value)).ToArray();
        return new AllocationResult(rules.Tenant, rules.Version, seed, placements, shortfalls);
    }

    /// <summary>Per offering, the lowest-ranked applicant it admitted within capacity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CutOff?[] CutOffs(int offeringCount, int[][] choices, ulong[] lottery, ProposalRound round)
    {
        var cutOffs = new CutOff?[offeringCount];
        for (var o = 0; o < offeringCount; o++)
        {
            var order = round.Orders[o];
            for (var position = order.Length - 1; position >= 0; position--)
            {
                var a = order[position];
                var held = round.HeldChoice[a];
                if (held >= 0 && choices[a][held] == o)
                {
                    cutOffs[o] = new CutOff(round.Scores[a][held].Total, lottery[a]);
                    break;
                }
            }
        }

        return cutOffs;
    }
}
