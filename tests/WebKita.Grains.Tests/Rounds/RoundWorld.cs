using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;
using WebKita.Grains.Rounds;
using WebKita.Grains.Tests.Allocation;

namespace WebKita.Grains.Tests.Rounds;

/// <summary>
/// Drives a pure round the way the silo does: applies each change to an in-memory set of
/// applications and offers freed places until none is left, so chains of decisions can be
/// tested without a store. Also checks the round's invariants after every step.
/// </summary>
internal sealed class RoundWorld
{
    public static readonly DateTimeOffset Deadline = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Before = Deadline.AddDays(-10);

    public Dictionary<Guid, RankedApplication> Applications { get; } = [];

    public List<DomainEvent> Events { get; } = [];

    public AllocationRound Round { get; private set; }

    public RoundWorld(params (int N, Guid School, int Capacity)[] offerings)
    {
        var terms = new RoundTerms(
            "Schuljahr 2027/28", 2027, Deadline, 7,
            [.. offerings.Select(o => new RoundTerms.Place(AllocationExamples.OfferingId(o.N), o.School, new GradeRange(1, 4), o.Capacity))]);
        Round = AllocationRound.Create(AllocationExamples.Tenant, Guid.Parse("50000000-0000-4000-8000-000000000001"), terms).Value!;
    }

    public static Child ChildNamed(int n, int grade = 3) => new($"Kind{n}", "Muster", new DateOnly(2019, 5, 1), grade);

    public RankedApplication Submit(int n, int[] offerings, ApplicantFacts? facts = null, int grade = 3, Guid? siblings = null, DateTimeOffset? at = null)
    {
        var form = new ApplicationForm(ChildNamed(n, grade), [.. offerings.Select(AllocationExamples.OfferingId)], facts ?? ApplicantFacts.None, siblings, null);
        var outcome = Round.Submit(null, form, at ?? Before);
        outcome.Refusal.Should().BeNull();
        Apply(outcome.Value!, at ?? Before);
        return Applications[RankedApplication.IdFor(Round.Tenant, Round.Id, form.Child)];
    }

    public RoundChange? Run(string seed = AllocationExamples.Seed, DateTimeOffset? at = null)
    {
        var change = Round.Allocate([.. Applications.Values], AllocationExamples.Rules(), seed, at ?? Deadline);
        if (change is not null)
        {
            Apply(change, at ?? Deadline);
        }

        return change;
    }

    public RankedApplication Of(int n) => Applications[RankedApplication.IdFor(Round.Tenant, Round.Id, ChildNamed(n))];

    public Outcome<RoundChange> Do(Func<AllocationRound, Outcome<RoundChange>> decide, DateTimeOffset at)
    {
        var outcome = decide(Round);
        if (outcome.Value is { } change)
        {
            Apply(change, at);
        }

        return outcome;
    }

    /// <summary>Fires the expiry reminder at <paramref name="at"/>, as the silo does.</summary>
    public void ExpireOffers(DateTimeOffset at)
    {
        foreach (var application in Applications.Values.ToList())
        {
            Apply(Round.Expire(application, at), at);
        }
    }

    public void Apply(RoundChange change, DateTimeOffset at)
    {
        Take(change);
        while (Round.NextOffer() is var (offeringId, applicationId))
        {
            Take(Round.Offer(Applications[applicationId], offeringId, at));
        }

        CheckInvariants();
    }

    private void Take(RoundChange change)
    {
        Round = change.Round;
        foreach (var application in change.Changed)
        {
            Applications[application.Id] = application;
        }

        Events.AddRange(change.Events);
    }

    /// <summary>Places held match the applications holding them; waitlists hold only waiting children; nobody holds a place and waits.</summary>
    public void CheckInvariants()
    {
        foreach (var offering in Round.Offerings)
        {
            var holding = Applications.Values.Count(a => a.Status.HoldsPlace() && a.OfferingId == offering.OfferingId);
            offering.Held.Should().Be(holding, $"offering {offering.OfferingId} counts its held places");
            offering.Waitlist.Should().OnlyHaveUniqueItems();
            offering.Waitlist.Where(id => Applications[id].Status != ApplicationStatus.Waitlisted || !Applications[id].Preferences.Contains(offering.OfferingId)).Should().BeEmpty();
        }

        var waiting = Round.Offerings.SelectMany(o => o.Waitlist).ToHashSet();
        Applications.Values.Where(a => a.Status == ApplicationStatus.Waitlisted && !waiting.Contains(a.Id)).Should().BeEmpty();
    }
}
