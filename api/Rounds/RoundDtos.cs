using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;
using WebKita.Grains.Rounds;

namespace WebKita.Api.Rounds;

public sealed record RoundRequest(string? Title, int? SchoolYearStart, DateTimeOffset? Deadline, int? OfferDays, IReadOnlyList<Guid>? OfferingIds);

public sealed record RoundOfferingResponse(Guid OfferingId, Guid SchoolId, int Capacity, int Held, int FreePlaces, int Waitlisted);

/// <summary>Public: families see what they can rank, the deadline, and after the run its seed and rules version.</summary>
public sealed record RoundResponse(
    Guid Id, string Title, int SchoolYearStart, DateTimeOffset Deadline, int OfferDays, RoundPhase Phase,
    IReadOnlyList<RoundOfferingResponse> Offerings, PublishedRun? Run)
{
    public static RoundResponse From(AllocationRound r) => new(
        r.Id, r.Title, r.SchoolYearStart, r.Deadline, r.OfferDays, r.Phase,
        [.. r.Offerings.Select(o => new RoundOfferingResponse(o.OfferingId, o.SchoolId, o.Capacity, o.Held, o.FreePlaces, o.Waitlist.Count))],
        r.Run);
}

public sealed record CapacityRequest(int? Capacity, string? Reason);

public sealed record SimulationRequest(string? Seed, int? RulesVersion);

public sealed record SimulationResponse(string Seed, int RulesVersion, int Placed, int PlacedAboveCapacity, int Waitlisted, IReadOnlyList<SchoolShortfall> Shortfalls, IReadOnlyList<Placement> Placements)
{
    public static SimulationResponse From(AllocationResult r) => new(
        r.Seed, r.RulesVersion,
        r.Placements.Count(p => p.Status == PlacementStatus.Placed),
        r.Placements.Count(p => p.Status == PlacementStatus.PlacedAboveCapacity),
        r.Placements.Count(p => p.Status == PlacementStatus.Waitlisted),
        r.Shortfalls, r.Placements);
}

/// <summary>What a family claims; staff verify it before it earns points. Catchment and siblings attending come from the county's records.</summary>
public sealed record ClaimsRequest(IReadOnlyList<GuardianActivity>? Guardians, bool SingleParent, bool Hardship);

/// <summary>
/// A family names a child of its account and the grade it will be in; staff entering a paper
/// application give the child and optionally the family's account (as for offerings).
/// </summary>
public sealed record RankedApplicationRequest(
    Applications.ChildRequest? Child, Guid? ChildId, int? Grade, Guid? FamilyId,
    IReadOnlyList<Guid>? Preferences, ClaimsRequest? Claims, Guid? SiblingGroupId)
{
    public ApplicantFacts Facts() => Claims is null ? ApplicantFacts.None : ApplicantFacts.None with
    {
        Guardians = [.. (Claims.Guardians ?? []).Take(2).Select(a => new GuardianSituation(a, Evidence.Claimed))],
        SingleParent = Claims.SingleParent ? Evidence.Claimed : null,
        Hardship = Claims.Hardship ? Evidence.Claimed : null,
    };
}

public sealed record WaitlistPosition(Guid OfferingId, int Position);

/// <summary>The family's view: never ambiguous about what the child has — an offer shows until when (and when it lapsed), a rejection why.</summary>
public sealed record RankedApplicationResponse(
    Guid Id, Guid RoundId, ApplicationStatus Status, Guid? OfferingId, DateTimeOffset? OfferExpiresAt, string? Reason,
    IReadOnlyList<Guid> Preferences, IReadOnlyList<WaitlistPosition> WaitlistPositions, Explanation? Explanation,
    string ChildFirstName, string ChildLastName, int Grade, long Arrival, DateTimeOffset SubmittedAt, DateTimeOffset ChangedAt)
{
    public static RankedApplicationResponse From(RankedApplication a, AllocationRound? round) => new(
        a.Id, a.RoundId, a.Status, a.OfferingId, a.Status is ApplicationStatus.Offered or ApplicationStatus.Expired ? a.OfferExpiresAt : null, a.Reason,
        a.Preferences,
        a.Status == ApplicationStatus.Waitlisted && round is not null
            ? [.. a.Preferences.Select(p => (p, round.Offering(p)?.PositionOf(a.Id))).Where(x => x.Item2 is not null).Select(x => new WaitlistPosition(x.p, x.Item2!.Value))]
            : [],
        round?.Explain(a), a.Child.FirstName, a.Child.LastName, a.Child.Grade, a.Arrival, a.SubmittedAt, a.ChangedAt);
}

public sealed record ReasonRequest(string? Reason);

public sealed record EvidenceRequest(EvidenceKind? Kind, int? Guardian);

public sealed record WaitlistMoveRequest(Guid? OfferingId, int? Position, string? Reason);
