using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;
using WebKita.Grains.Common;

namespace WebKita.Grains.Rounds;

public sealed partial record AllocationRound
{
    /// <summary>
    /// What the run would decide with these rules and seed, changing nothing: staff's dry run, and
    /// the way anyone re-checks a published run (same applications, rules and seed, same result).
    /// </summary>
    public AllocationResult Simulate(IReadOnlyList<RankedApplication> applications, StatuteRules rules, string seed) =>
        DeferredAcceptance.Run(Places(), Applicants(Candidates(applications)), rules, seed);

    /// <summary>
    /// The run at the deadline. Placed children are offered their place (entitled children above
    /// capacity too); the others wait at every offering they asked for, in the rank the run gave
    /// them there. A placed child waits nowhere else: deferred acceptance already gave it the best
    /// choice its points reach, and one offer at a time keeps places from being blocked.
    /// Returns null when the round has run already (the reminder may fire on two processes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RoundChange? Allocate(IReadOnlyList<RankedApplication> applications, StatuteRules rules, string seed, DateTimeOffset now)
    {
        if (Phase != RoundPhase.Collecting)
        {
            return null;
        }

        var candidates = Candidates(applications);
        var result = DeferredAcceptance.Run(Places(), Applicants(candidates), rules, seed);
        var expires = now.AddDays(OfferDays);
        var held = new Dictionary<Guid, int>();
        var waiting = new Dictionary<Guid, List<(int Rank, Guid Id)>>();
        var atRun = new Dictionary<Guid, OfferingAtRun>();
        var changed = new RankedApplication[candidates.Count];
        var events = new List<DomainEvent>(candidates.Count + 1);
        for (var i = 0; i < candidates.Count; i++)
        {
            var placement = result.Placements[i];
            var application = candidates[i] with { Ranking = RunRanking.Of(placement.Explanation), ChangedAt = now };
            foreach (var standing in placement.Explanation.Offerings)
            {
                atRun.TryAdd(standing.OfferingId, new OfferingAtRun(standing.Applicants, standing.Capacity, standing.CutOff));
            }

            if (placement.OfferingId is { } offeringId)
            {
                held[offeringId] = held.GetValueOrDefault(offeringId) + 1;
                application = application with { Status = ApplicationStatus.Offered, OfferingId = offeringId, OfferExpiresAt = expires };
            }
            else
            {
                application = application with { Status = ApplicationStatus.Waitlisted };
                foreach (var standing in placement.Explanation.Offerings)
                {
                    (waiting.TryGetValue(standing.OfferingId, out var list) ? list : waiting[standing.OfferingId] = []).Add((standing.Rank, application.Id));
                }
            }

            changed[i] = application;
        }

        var offerings = Offerings.Select(o => o with
        {
            Held = o.Held + held.GetValueOrDefault(o.OfferingId),
            Waitlist = waiting.TryGetValue(o.OfferingId, out var list) ? [.. list.OrderBy(w => w.Rank).Select(w => w.Id)] : o.Waitlist,
            AtRun = atRun.GetValueOrDefault(o.OfferingId) ?? new OfferingAtRun(0, o.Capacity, null),
        }).ToImmutableList();
        var positions = offerings.SelectMany(o => o.Waitlist.Select((id, index) => (id, index))).GroupBy(p => p.id).ToDictionary(g => g.Key, g => g.Min(p => p.index) + 1);
        events.AddRange(changed.Select(a => a.Event(
            a.Status == ApplicationStatus.Offered ? "application.offered" : "application.waitlisted", now, positions.TryGetValue(a.Id, out var p) ? p : null)));

        var run = new PublishedRun(
            seed, rules.Version, now, candidates.Count,
            result.Placements.Count(p => p.Status == PlacementStatus.Placed),
            result.Placements.Count(p => p.Status == PlacementStatus.PlacedAboveCapacity),
            result.Placements.Count(p => p.Status == PlacementStatus.Waitlisted),
            result.Shortfalls);
        events.Add(new DomainEvent("round.allocated", Id, now, new Dictionary<string, string>
        {
            ["seed"] = seed,
            ["rulesVersion"] = rules.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["shortfalls"] = string.Join(',', result.Shortfalls.Select(s => $"{s.SchoolId}:{s.MissingPlaces}")),
        }));
        var round = this with
        {
            Offerings = offerings,
            Phase = RoundPhase.Allocated,
            Run = run,
            NextOfferExpiry = held.Count > 0 ? expires : null,
        };
        return new RoundChange(round, changed, events);
    }

    /// <summary>
    /// What the family is shown about the run's decision on its application: points per criterion,
    /// lottery number, rank and cut-off at each offering it asked for. Null when the application
    /// came after the run.
    /// </summary>
    public Explanation? Explain(RankedApplication application)
    {
        if (application.Ranking is not { } ranking || Run is not { } run)
        {
            return null;
        }

        var standings = new OfferingStanding[ranking.Choices.Count];
        for (var c = 0; c < standings.Length; c++)
        {
            var offering = Offering(application.Preferences[c])
                ?? throw new InvalidOperationException($"Application {application.Id} asked for offering {application.Preferences[c]}, which round {Id} does not have.");
            var at = offering.AtRun ?? throw new InvalidOperationException($"Offering {offering.OfferingId} of round {Id} has no record of the run.");
            var choice = ranking.Choices[c];
            standings[c] = new OfferingStanding(
                offering.OfferingId, offering.SchoolId, c + 1, new Score(choice.Criteria), choice.Rank, at.Applicants, at.Capacity, at.CutOff, c == ranking.AdmittedChoice);
        }

        return new Explanation(run.Seed, run.RulesVersion, ranking.LotteryNumber, standings);
    }

    private Applicant[] Applicants(List<RankedApplication> candidates)
    {
        var schoolsByOffering = SchoolsByOffering();
        return [.. candidates.Select(a => ToApplicant(a, schoolsByOffering))];
    }

    /// <summary>The applications the run ranks, in arrival order (the result does not depend on it).</summary>
    private static List<RankedApplication> Candidates(IReadOnlyList<RankedApplication> applications) =>
        [.. applications.Where(a => a.Status == ApplicationStatus.Submitted).OrderBy(a => a.Arrival)];
}
