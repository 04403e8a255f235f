using System.Collections.Immutable;
using WebKita.Grains.Applications;
using WebKita.Grains.Common;

namespace WebKita.Grains.Offerings;

/// <summary>
/// A pool of places. Pure: every method takes the time it should act at and returns the new
/// state, so a decision can be replayed and explained. The offering is the consistency boundary
/// for its applications: all changes to them are decided here, one at a time.
/// <see cref="Allocated"/> counts the places held: offered, accepted and confirmed.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.Offering")]
public sealed partial record Offering(
    TenantId Tenant,
    Guid Id,
    OfferingTerms Terms,
    int Allocated,
    long Arrivals,
    ImmutableList<Guid> Waitlist,
    RegistrationPhase Phase)
{
    public int FreePlaces => Math.Max(0, Terms.Capacity - Allocated);

    /// <summary>The places offered and not yet answered, in the order they were offered.</summary>
    [Id(7)]
    public ImmutableList<OpenOffer> Offers { get; init; } = [];

    /// <summary>1-based position on the waitlist, or null if the application is not waiting.</summary>
    public int? WaitlistPosition(Guid applicationId)
    {
        var index = Waitlist.IndexOf(applicationId);
        return index < 0 ? null : index + 1;
    }

    public static Outcome<Offering> Create(TenantId tenant, Guid id, OfferingTerms terms)
    {
        var problems = terms.Problems();
        return problems.Count > 0
            ? new Refusal("offering.invalid", "The offering's terms are not valid.", problems)
            : Outcome<Offering>.Done(new Offering(tenant, id, terms with { Title = terms.Title.Trim() }, 0, 0, [], RegistrationPhase.Scheduled));
    }

    /// <summary>
    /// Decides a family's application. <paramref name="existing"/> is the application already
    /// stored for the same child, if any: it is returned unchanged, so repeats are idempotent;
    /// only one the family ended (withdrawn, declined, an offer left to expire) may apply again,
    /// as a new arrival at the back of the line. A rejection stands: staff decided it.
    /// First come, first served: an application that finds a free place is accepted at once, with
    /// no offer to answer: the family asked for the place moments ago, and during the opening rush
    /// an offer round-trip would only keep places empty. A place freed later is offered instead
    /// (<see cref="Offer"/>), because by then the family may have found care elsewhere.
    /// </summary>
    public Outcome<Booking> Submit(Application? existing, Child child, DateTimeOffset now, Guid? familyId = null)
    {
        if (existing is { Status: not (ApplicationStatus.Withdrawn or ApplicationStatus.Declined or ApplicationStatus.Expired) })
        {
            return Outcome<Booking>.Done(new Booking(this, existing, Created: false, []));
        }

        if (Terms.Window.HasNotOpenedAt(now))
        {
            return new Refusal("registration.not_open", $"Registration opens at {Terms.Window.Opens:O}.");
        }

        if (Terms.Window.HasClosedAt(now))
        {
            return new Refusal("registration.closed", $"Registration closed at {Terms.Window.Closes:O}.");
        }

        if (!Terms.Grades.Contains(child.Grade))
        {
            return new Refusal(
                "application.grade_not_offered",
                $"Grade {child.Grade} is not offered; this offering takes grades {Terms.Grades.Lowest} to {Terms.Grades.Highest}.",
                [new FieldProblem("child.grade", $"must be between {Terms.Grades.Lowest} and {Terms.Grades.Highest}")]);
        }

        var arrival = Arrivals + 1;
        var id = existing?.Id ?? Application.IdFor(Tenant, Id, child);
        var (status, offering) = Terms.Mode switch
        {
            AllocationMode.CriteriaAtDeadline => (ApplicationStatus.Submitted, this with { Arrivals = arrival }),
            _ when FreePlaces > 0 && Waitlist.IsEmpty => (ApplicationStatus.Accepted, this with { Arrivals = arrival, Allocated = Allocated + 1 }),
            _ => (ApplicationStatus.Waitlisted, this with { Arrivals = arrival, Waitlist = Waitlist.Add(id) }),
        };
        var application = new Application(Tenant, id, Id, child, status, arrival, now, now, familyId);
        int? position = status == ApplicationStatus.Waitlisted ? offering.Waitlist.Count : null; // appended last
        return Outcome<Booking>.Done(new Booking(offering, application, Created: true, [application.Event($"application.{status.ToString().ToLowerInvariant()}", now, position)]));
    }

    /// <summary>New terms from staff. Lowering capacity never evicts anyone; raising it frees places that <see cref="NextOffer"/> then offers to the waitlist.</summary>
    public Outcome<Offering> ChangeTerms(OfferingTerms terms)
    {
        var problems = terms.Problems();
        if (terms.SchoolId != Terms.SchoolId)
        {
            problems = [.. problems, new FieldProblem("schoolId", "cannot change; create a new offering at the other school")];
        }

        if (terms.Mode != Terms.Mode && Arrivals > 0)
        {
            problems = [.. problems, new FieldProblem("mode", "cannot change once applications have arrived")];
        }

        return problems.Count > 0
            ? new Refusal("offering.invalid", "The offering's terms are not valid.", problems)
            : Outcome<Offering>.Done(this with { Terms = terms with { Title = terms.Title.Trim() } });
    }

    /// <summary>
    /// The phase the window gives at <paramref name="now"/>. <see cref="Phase"/> is what the
    /// reminder last recorded, and lags behind while a reminder waits for a silo after a failure.
    /// </summary>
    public RegistrationPhase PhaseAt(DateTimeOffset now) =>
        Terms.Window.HasClosedAt(now) ? RegistrationPhase.Closed
            : Terms.Window.HasNotOpenedAt(now) ? RegistrationPhase.Scheduled
            : RegistrationPhase.Open;

    /// <summary>The offering as shown at <paramref name="now"/>: with the phase its window gives, recorded or not.</summary>
    public Offering AsOf(DateTimeOffset now) => this with { Phase = PhaseAt(now) };

    /// <summary>Fired by the durable reminder at the window's edges; repeated firing changes nothing.</summary>
    public (Offering Offering, IReadOnlyList<DomainEvent> Events) AdvancePhase(DateTimeOffset now)
    {
        var phase = PhaseAt(now);
        if (phase == Phase)
        {
            return (this, []);
        }

        var data = new Dictionary<string, string> { ["phase"] = phase.ToString() };
        return (this with { Phase = phase }, [new DomainEvent($"offering.registration_{phase.ToString().ToLowerInvariant()}", Id, now, data)]);
    }
}
