using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;
using WebKita.Grains.Rounds;

namespace WebKita.Bench.Deadline;

/// <summary>
/// Checks the stored results without the allocation code: points are recounted from each
/// application's facts with the benchmark's own statute table (a sibling group's anchor points
/// are accepted only where they are consistent across the group), lottery numbers are recomputed
/// from the published formula, and capacity and stability are judged from those.
/// </summary>
/// <param name="WithOneResult">Applications that are offered exactly one place they asked for, or waitlisted with none.</param>
/// <param name="OverCapacity">Places held beyond an offering's capacity by anyone but an entitled child at its first choice.</param>
/// <param name="BlockingPairs">(applicant, offering it ranked higher than what it got) where the offering has a free place or admitted someone it ranks lower.</param>
/// <param name="ExplanationMismatches">Points or lottery numbers in explanations that the recount does not confirm.</param>
public sealed record ResultCheck(int Applications, int WithOneResult, int OverCapacity, int BlockingPairs, int ExplanationMismatches, int AboveCapacityEntitled)
{
    public static ResultCheck Of(AllocationRound round, IReadOnlyList<RankedApplication> applications)
    {
        var seed = round.Run?.Seed ?? throw new InvalidOperationException("The round has no published run.");
        var offerings = round.Offerings.ToDictionary(o => o.OfferingId);
        var explanations = applications.ToDictionary(a => a.Id, round.Explain); // as the family sees it
        Explanation? Explained(RankedApplication a) => explanations[a.Id];
        var withOneResult = applications.Count(a => HasOneResult(a, Explained(a)));
        var valid = applications.Where(a => HasOneResult(a, Explained(a))).ToList();
        var mismatches = (applications.Count - withOneResult) + PointMismatches(valid, Explained) + valid.Count(a => Explained(a)!.LotteryNumber != Lottery(seed, a.Id));
        (int NegatedPoints, ulong Lottery) Key(RankedApplication application, Guid offeringId) => KeyAt(application, Explained(application)!, offeringId);

        // Per offering, who holds a place there, best first by (points there, lottery number).
        var holders = valid.Where(a => a.Status == ApplicationStatus.Offered)
            .GroupBy(a => a.OfferingId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(a => Key(a, g.Key)).ToList());
        var overCapacity = 0;
        var aboveCapacityEntitled = 0;
        var worstWithin = new Dictionary<Guid, (int NegatedPoints, ulong Lottery)>();
        foreach (var (offeringId, held) in holders)
        {
            var capacity = offerings[offeringId].Capacity;
            foreach (var beyond in held.Skip(capacity))
            {
                var entitledAtFirstChoice = BenchStatute.Entitled(beyond.Child.Grade) && beyond.Preferences[0] == offeringId;
                overCapacity += entitledAtFirstChoice ? 0 : 1;
                aboveCapacityEntitled += entitledAtFirstChoice ? 1 : 0;
            }

            if (held.Count >= capacity && capacity > 0)
            {
                worstWithin[offeringId] = Key(held[capacity - 1], offeringId);
            }
        }

        var blockingPairs = 0;
        foreach (var application in valid)
        {
            var got = application.Status == ApplicationStatus.Offered ? application.Preferences.IndexOf(application.OfferingId!.Value) : application.Preferences.Count;
            for (var c = 0; c < got; c++)
            {
                var wanted = application.Preferences[c];
                var hasFreePlace = offerings[wanted].Capacity > 0 && !worstWithin.ContainsKey(wanted);
                if (hasFreePlace || (worstWithin.TryGetValue(wanted, out var worst) && Key(application, wanted).CompareTo(worst) < 0))
                {
                    blockingPairs++;
                }
            }
        }

        return new ResultCheck(applications.Count, withOneResult, overCapacity, blockingPairs, mismatches, aboveCapacityEntitled);
    }

    /// <summary>Lower is better: more points, then the lower lottery number.</summary>
    private static (int NegatedPoints, ulong Lottery) KeyAt(RankedApplication application, Explanation explanation, Guid offeringId)
    {
        var standing = explanation.Offerings.First(s => s.OfferingId == offeringId);
        return (-standing.Score.Total, explanation.LotteryNumber);
    }

    private static bool HasOneResult(RankedApplication application, Explanation? explained)
    {
        if (explained is not { } explanation
            || !explanation.Offerings.Select(s => s.OfferingId).SequenceEqual(application.Preferences))
        {
            return false;
        }

        var admitted = explanation.Offerings.Where(s => s.Admitted).Select(s => s.OfferingId).ToList();
        return application.Status switch
        {
            ApplicationStatus.Offered => admitted.Count == 1 && admitted[0] == application.OfferingId,
            ApplicationStatus.Waitlisted => admitted.Count == 0 && application.OfferingId is null,
            _ => false,
        };
    }

    /// <summary>
    /// Every explanation's points must equal the recount from facts, except that a sibling group
    /// may have the sibling points at one school, the same for every member that asked there.
    /// </summary>
    private static int PointMismatches(IReadOnlyList<RankedApplication> applications, Func<RankedApplication, Explanation?> explained)
    {
        var mismatches = 0;
        var anchors = new Dictionary<Guid, HashSet<Guid>>();
        foreach (var application in applications)
        {
            foreach (var standing in explained(application)!.Offerings)
            {
                var recount = BenchStatute.PointsFromFacts(application.Facts, application.Child.Grade, standing.SchoolId);
                var extra = standing.Score.Total - recount;
                if (extra == 0)
                {
                    continue;
                }

                if (extra == BenchStatute.SiblingAtSchool && application.SiblingGroupId is { } group && !application.Facts.SchoolsWithSiblingAttending.Contains(standing.SchoolId))
                {
                    (anchors.TryGetValue(group, out var schools) ? schools : anchors[group] = []).Add(standing.SchoolId);
                }
                else
                {
                    mismatches++;
                }
            }
        }

        foreach (var group in applications.Where(a => a.SiblingGroupId is { } g && anchors.ContainsKey(g)).GroupBy(a => a.SiblingGroupId!.Value))
        {
            var schools = anchors[group.Key];
            var anchor = schools.First();
            mismatches += schools.Count - 1;
            mismatches += group.Count() < 2 ? 1 : 0;
            mismatches += group.SelectMany(a => explained(a)!.Offerings.Select(s => (a, s)))
                .Count(x => x.s.SchoolId == anchor && !x.a.Facts.SchoolsWithSiblingAttending.Contains(anchor)
                    && x.s.Score.Total != BenchStatute.PointsFromFacts(x.a.Facts, x.a.Child.Grade, anchor) + BenchStatute.SiblingAtSchool);
        }

        return mismatches;
    }

    /// <summary>The published formula: SHA-256 over the seed's UTF-8 bytes and the id's big-endian bytes, first 8 bytes big-endian.</summary>
    private static ulong Lottery(string seed, Guid applicationId)
    {
        var input = Encoding.UTF8.GetBytes(seed).Concat(applicationId.ToByteArray(bigEndian: true)).ToArray();
        return BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(input));
    }
}
