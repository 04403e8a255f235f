using System.Collections.Immutable;
using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;
using WebKita.Grains.Common;

namespace WebKita.Grains.Rounds;

/// <summary>
/// An allocation round by the statute's criteria: the school-year offerings that families rank
/// together, collected until <see cref="Deadline"/>, then allocated in one run. The round owns the
/// places of all its offerings, so a child's offers and waitlist entries across offerings change
/// in one turn: a child holds at most one offer or place, and waits only while it holds none.
/// Pure: time and the lottery seed come in with the commands.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.AllocationRound")]
public sealed partial record AllocationRound(
    TenantId Tenant,
    Guid Id,
    string Title,
    int SchoolYearStart,
    DateTimeOffset Deadline,
    int OfferDays,
    ImmutableList<RoundOffering> Offerings,
    RoundPhase Phase,
    long Arrivals,
    PublishedRun? Run,
    DateTimeOffset? NextOfferExpiry)
{
    public static Outcome<AllocationRound> Create(TenantId tenant, Guid id, RoundTerms terms)
    {
        var problems = terms.Problems();
        return problems.Count > 0
            ? new Refusal("round.invalid", "The round's terms are not valid.", problems)
            : Outcome<AllocationRound>.Done(new AllocationRound(
                tenant, id, terms.Title.Trim(), terms.SchoolYearStart, terms.Deadline, terms.OfferDays,
                [.. terms.Offerings.Select(p => new RoundOffering(p.OfferingId, p.SchoolId, p.Grades, p.Capacity, 0, []))],
                RoundPhase.Collecting, 0, null, null));
    }

    public RoundOffering? Offering(Guid offeringId) => Offerings.Find(o => o.OfferingId == offeringId);

    /// <summary>
    /// Takes a child's ranked preferences. Before the deadline it waits for the run; after the
    /// run a late application waits at the end of each chosen waitlist (the silo then fills free
    /// places). A repeat for a child with an active application returns it unchanged.
    /// </summary>
    public Outcome<RoundChange> Submit(RankedApplication? existing, ApplicationForm form, DateTimeOffset now)
    {
        if (existing is { Status: var status } && status.IsActive())
        {
            return Outcome<RoundChange>.Done(new RoundChange(this, [], []));
        }

        if (Phase == RoundPhase.Collecting && now >= Deadline)
        {
            return new Refusal("registration.closed", $"Applications closed at {Deadline:O}; the allocation runs now.");
        }

        var problems = PreferenceProblems(form);
        if (problems.Count > 0)
        {
            return new Refusal("application.preferences_invalid", "The ranked offerings are not valid.", problems);
        }

        var arrival = Arrivals + 1;
        var id = RankedApplication.IdFor(Tenant, Id, form.Child);
        var application = new RankedApplication(
            Tenant, id, Id, form.Child, [.. form.Preferences], form.Facts, form.SiblingGroupId, form.FamilyId,
            ApplicationStatus.Submitted, arrival, now, now);
        var round = this with { Arrivals = arrival };
        if (Phase == RoundPhase.Collecting)
        {
            return Outcome<RoundChange>.Done(RoundChange.Of(round, application, "application.submitted", now));
        }

        var waiting = application with { Status = ApplicationStatus.Waitlisted };
        round = round with
        {
            Offerings = [.. Offerings.Select(o => form.Preferences.Contains(o.OfferingId) ? o with { Waitlist = o.Waitlist.Add(id) } : o)],
        };
        return Outcome<RoundChange>.Done(RoundChange.Of(round, waiting, "application.waitlisted", now));
    }

    private List<FieldProblem> PreferenceProblems(ApplicationForm form)
    {
        var problems = new List<FieldProblem>();
        if (form.Preferences.Count is < 1 or > Applicant.MaxPreferences || form.Preferences.Distinct().Count() != form.Preferences.Count)
        {
            problems.Add(new("preferences", $"must name 1 to {Applicant.MaxPreferences} distinct offerings, best first"));
            return problems;
        }

        for (var i = 0; i < form.Preferences.Count; i++)
        {
            var offering = Offering(form.Preferences[i]);
            if (offering is null)
            {
                problems.Add(new($"preferences[{i}]", "is not an offering of this round"));
            }
            else if (!offering.Grades.Contains(form.Child.Grade))
            {
                problems.Add(new($"preferences[{i}]", $"takes grades {offering.Grades.Lowest} to {offering.Grades.Highest}, not {form.Child.Grade}"));
            }
        }

        return problems;
    }

    /// <summary>Staff verified a claim (an employer's certificate, a hardship): only verified evidence earns points.</summary>
    public Outcome<RankedApplication> VerifyEvidence(RankedApplication application, EvidenceItem item, DateTimeOffset now)
    {
        if (Phase != RoundPhase.Collecting)
        {
            return new Refusal("round.allocated", "The run is published; evidence no longer changes a ranking.");
        }

        var facts = application.Facts;
        var verified = item.Kind switch
        {
            EvidenceKind.Guardian when item.Guardian is { } g && g >= 0 && g < facts.Guardians.Count =>
                facts with { Guardians = [.. facts.Guardians.Select((s, i) => i == g ? s with { Evidence = Evidence.VerifiedByStaff } : s)] },
            EvidenceKind.SingleParent when facts.SingleParent is not null => facts with { SingleParent = Evidence.VerifiedByStaff },
            EvidenceKind.Hardship => facts with { Hardship = Evidence.VerifiedByStaff },
            _ => null,
        };
        return verified is null
            ? new Refusal("evidence.not_claimed", "The application does not claim this; there is nothing to verify.")
            : Outcome<RankedApplication>.Done(application with { Facts = verified, ChangedAt = now });
    }

    /// <summary>The applicant the allocation sees: entitlement from the grade and school year, schools from the round.</summary>
    public Applicant ToApplicant(RankedApplication application) => ToApplicant(application, SchoolsByOffering());

    private Applicant ToApplicant(RankedApplication application, Dictionary<Guid, Guid> schoolsByOffering)
    {
        var preferences = new Preference[application.Preferences.Count];
        for (var p = 0; p < preferences.Length; p++)
        {
            var offeringId = application.Preferences[p];
            preferences[p] = new Preference(offeringId, schoolsByOffering[offeringId]);
        }

        return new(
            application.Id,
            application.Child.Key,
            application.SiblingGroupId,
            application.Child.Grade,
            LegalEntitlement.Applies(application.Child.Grade, SchoolYearStart),
            preferences,
            application.Facts);
    }

    /// <summary>A lookup for the run: <see cref="Offering"/> walks the list, too slow for 50,000 applications with 3 choices each.</summary>
    private Dictionary<Guid, Guid> SchoolsByOffering() => Offerings.ToDictionary(o => o.OfferingId, o => o.SchoolId);

    public IReadOnlyList<OfferingPlaces> Places() => [.. Offerings.Select(o => new OfferingPlaces(o.OfferingId, o.SchoolId, o.Capacity))];
}
