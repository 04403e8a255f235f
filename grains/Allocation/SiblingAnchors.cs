namespace WebKita.Grains.Allocation;

/// <summary>Finds the school each sibling group is kept together at; the rule is described on <see cref="DeferredAcceptance"/>.</summary>
internal static class SiblingAnchors
{
    /// <returns>Per applicant, the school its sibling group is anchored at, or null.</returns>
    public static Guid?[] Find(IReadOnlyList<Applicant> applicants, IReadOnlyList<OfferingPlaces> offerings, int[][] choices, int[] heldChoice)
    {
        var anchors = new Guid?[applicants.Count];
        var groups = Enumerable.Range(0, applicants.Count)
            .Where(a => applicants[a].SiblingGroupId is not null)
            .GroupBy(a => applicants[a].SiblingGroupId!.Value)
            .Where(g => g.Count() > 1);
        foreach (var group in groups)
        {
            var anchor = group
                .Where(a => heldChoice[a] >= 0)
                .Select(a => (School: offerings[choices[a][heldChoice[a]]].SchoolId, Choice: heldChoice[a]))
                .GroupBy(p => p.School)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Min(p => p.Choice))
                .ThenBy(g => g.Key)
                .Select(g => (Guid?)g.Key)
                .FirstOrDefault();
            foreach (var a in group)
            {
                anchors[a] = anchor;
            }
        }

        return anchors;
    }
}
