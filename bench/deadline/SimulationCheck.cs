using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;
using WebKita.Grains.Rounds;
using WebKita.Silo.Runtime;

namespace WebKita.Bench.Deadline;

/// <summary>Compares a dry run with the published seed and rules version against what the run stored.</summary>
public static class SimulationCheck
{
    /// <returns>Applications whose simulated placement or explanation differs from the stored one (as the family sees it), or that one side lacks.</returns>
    public static int Mismatches(AllocationResult simulated, IReadOnlyList<RankedApplication> stored, AllocationRound round)
    {
        var byId = stored.ToDictionary(a => a.Id);
        var mismatches = Math.Abs(stored.Count - simulated.Placements.Count);
        foreach (var placement in simulated.Placements)
        {
            if (!byId.TryGetValue(placement.ApplicationId, out var application))
            {
                mismatches++;
                continue;
            }

            var expectedStatus = placement.Status == PlacementStatus.Waitlisted ? ApplicationStatus.Waitlisted : ApplicationStatus.Offered;
            var same = application.Status == expectedStatus
                && application.OfferingId == placement.OfferingId
                && GrainJson.Serialize(round.Explain(application)) == GrainJson.Serialize(placement.Explanation);
            mismatches += same ? 0 : 1;
        }

        return mismatches;
    }
}
