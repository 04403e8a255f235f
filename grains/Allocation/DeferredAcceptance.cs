namespace WebKita.Grains.Allocation;

/// <summary>
/// Allocation by the statute's criteria at the deadline: applicant-proposing deferred acceptance
/// (Gale–Shapley). Each applicant asks for its choices in order; each offering keeps the best
/// applicants up to its capacity, ranked by points (highest first), then lottery number (lowest
/// first). The result is stable: no applicant prefers an offering that has a free place or admitted
/// someone it ranks lower, and no applicant gains by misreporting its order.
/// <para>
/// Siblings: children who apply together share a <see cref="Applicant.SiblingGroupId"/>. A first
/// pass runs without regard to the group. The group is then anchored at the school where most of
/// its members were placed (ties: the school a member placed there ranked highest, then the lower
/// school id), and every member gets <see cref="Criterion.SiblingAtSchool"/> at that school only;
/// a second pass with these points is the result. Members placed at the anchor rank higher there
/// too, so the pass cannot pull them away; members elsewhere or unplaced move to the anchor if it
/// has places they now outrank someone for ("where places allow"). A member who did not ask for
/// an offering at the anchor is not moved there. The points appear in the explanation like any
/// other criterion, so the family sees why. A sibling already attending a school counts through
/// <see cref="ApplicantFacts.SchoolsWithSiblingAttending"/> in both passes.
/// </para>
/// <para>
/// Legal entitlement: the ranking applies to everyone; afterwards an entitled child without a
/// place is placed at its first choice above capacity (<see cref="PlacementStatus.PlacedAboveCapacity"/>)
/// and the school's shortfall is reported, because the county must find that place. Such
/// placements do not move the cut-off and do not take anyone's place.
/// </para>
/// Pure and deterministic: the same inputs and seed give the same result. Thread-safe.
/// </summary>
public static class DeferredAcceptance
{
    /// <exception cref="ArgumentException">The inputs contradict each other (unknown offering, duplicate id, invalid rules); a bug in the caller.</exception>
    public static AllocationResult Run(IReadOnlyList<OfferingPlaces> offerings, IReadOnlyList<Applicant> applicants, StatuteRules rules, string seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(seed);
        var offeringIndex = IndexOfferings(offerings);
        CheckRules(rules);
        CheckApplicants(applicants, offerings, offeringIndex);

        var choices = applicants.Select(a => a.Preferences.Select(p => offeringIndex[p.OfferingId]).ToArray()).ToArray();
        var capacities = offerings.Select(o => o.Capacity).ToArray();
        var ids = applicants.Select(a => a.ApplicationId).ToArray();
        var lottery = ids.Select(id => Lottery.Draw(seed, id)).ToArray();

        // An applicant without an anchor scores the same in both passes: the second pass reuses its scores.
        ProposalRound Pass(Guid?[] anchors, Score[][]? unanchored)
        {
            var scores = new Score[applicants.Count][];
            for (var a = 0; a < scores.Length; a++)
            {
                scores[a] = unanchored is not null && anchors[a] is null ? unanchored[a]
                    : [.. choices[a].Select(o => rules.Score(applicants[a], offerings[o].SchoolId, anchors[a] == offerings[o].SchoolId))];
            }

            return new ProposalRound(choices, capacities, scores, lottery, ids);
        }

        var first = Pass(new Guid?[applicants.Count], null);
        var anchors = SiblingAnchors.Find(applicants, offerings, choices, first.HeldChoice);
        var final = anchors.Any(a => a is not null) ? Pass(anchors, first.Scores) : first;
        return AllocationReport.Write(offerings, applicants, rules, seed, choices, lottery, final);
    }

    private static Dictionary<Guid, int> IndexOfferings(IReadOnlyList<OfferingPlaces> offerings)
    {
        var index = new Dictionary<Guid, int>(offerings.Count);
        for (var o = 0; o < offerings.Count; o++)
        {
            var offering = offerings[o];
            if (offering.Capacity < 0)
            {
                throw new ArgumentException($"Offering {offering.OfferingId} has capacity {offering.Capacity}; it must be 0 or more.", nameof(offerings));
            }

            if (!index.TryAdd(offering.OfferingId, o))
            {
                throw new ArgumentException($"Offering {offering.OfferingId} is listed twice.", nameof(offerings));
            }
        }

        return index;
    }

    private static void CheckRules(StatuteRules rules)
    {
        var problems = rules.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"Statute rules version {rules.Version} of {rules.Tenant} are invalid: {string.Join("; ", problems.Select(p => $"{p.Field} {p.Message}"))}.",
                nameof(rules));
        }
    }

    private static void CheckApplicants(IReadOnlyList<Applicant> applicants, IReadOnlyList<OfferingPlaces> offerings, Dictionary<Guid, int> offeringIndex)
    {
        var ids = new HashSet<Guid>(applicants.Count);
        foreach (var applicant in applicants)
        {
            var id = applicant.ApplicationId;
            if (!ids.Add(id))
            {
                throw new ArgumentException($"Application {id} is listed twice.", nameof(applicants));
            }

            if (applicant.Preferences.Count is < 1 or > Applicant.MaxPreferences)
            {
                throw new ArgumentException($"Application {id} has {applicant.Preferences.Count} preferences; it must have 1 to {Applicant.MaxPreferences}.", nameof(applicants));
            }

            if (applicant.Preferences.Select(p => p.OfferingId).Distinct().Count() != applicant.Preferences.Count)
            {
                throw new ArgumentException($"Application {id} names an offering twice.", nameof(applicants));
            }

            foreach (var preference in applicant.Preferences)
            {
                if (!offeringIndex.TryGetValue(preference.OfferingId, out var o))
                {
                    throw new ArgumentException($"Application {id} asks for offering {preference.OfferingId}, which is not in this run.", nameof(applicants));
                }

                if (offerings[o].SchoolId != preference.SchoolId)
                {
                    throw new ArgumentException(
                        $"Application {id} names school {preference.SchoolId} for offering {preference.OfferingId}, which is at school {offerings[o].SchoolId}.",
                        nameof(applicants));
                }
            }
        }
    }
}
