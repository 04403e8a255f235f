using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;
using WebKita.Grains.Rounds;
using WebKita.Silo.Registration;
using WebKita.Silo.Rounds;
using WebKita.Silo.Statutes;

namespace WebKita.Api.Demo;

/// <summary>
/// The demo county's allocation round for school year 2027/28: a small module at each demo school,
/// eleven children with ranked preferences (two of them the demo family's siblings), and a deadline
/// a few minutes after the first start, so the run happens live. Capacities are small on purpose:
/// some children are offered a place, others wait, and an accept or decline moves the waitlist.
/// Ids are fixed; a restart finds the round and adds nothing.
/// </summary>
public sealed class DemoRound(RoundDirectory rounds, RegistrationDirectory registration, StatuteDirectory statutes, TimeProvider time)
{
    public static readonly Guid Id = Guid.Parse("0d3c0000-0000-4000-8000-000000002027");

    private static readonly TimeSpan UntilDeadline = TimeSpan.FromMinutes(8);

    private static readonly (Guid Id, int School, int Capacity)[] Offerings =
    [
        (Guid.Parse("0ff3a1e0-0000-4000-8000-000000002701"), 0, 3),
        (Guid.Parse("0ff3a1e0-0000-4000-8000-000000002702"), 1, 2),
        (Guid.Parse("0ff3a1e0-0000-4000-8000-000000002703"), 2, 2),
    ];

    /// <summary>The round's deadline as stored (the first start's), once seeded.</summary>
    public DateTimeOffset? Deadline { get; private set; }

    public async Task SeedAsync(TenantId tenant, IReadOnlyList<Guid> schools, Guid familyId, CancellationToken cancellationToken)
    {
        var becker = Guid.Parse("5b1b0000-0000-4000-8000-000000000001");
        if (await rounds.FindRoundAsync(tenant, Id, cancellationToken) is { } existing)
        {
            Deadline = existing.Deadline;
            if (existing.Phase == RoundPhase.Collecting)
            {
                await SubmitAsync(tenant, schools, becker, familyId, cancellationToken); // a first start stopped halfway; repeats change nothing
            }

            return;
        }

        await EnactStatuteAsync(tenant, cancellationToken);
        var now = time.GetUtcNow();
        var window = new RegistrationWindow(now, now + UntilDeadline);
        var places = new List<RoundTerms.Place>();
        foreach (var (offeringId, school, capacity) in Offerings)
        {
            var terms = new OfferingTerms(
                schools[school], "Modul 3 bis 15:00, Schuljahr 2027/28", OfferingKind.SchoolYearModule, capacity, window, new GradeRange(1, 4), AllocationMode.CriteriaAtDeadline);
            await registration.SendAsync(tenant, offeringId, new CreateOffering(terms), cancellationToken);
            places.Add(new(offeringId, schools[school], terms.Grades, capacity));
        }

        var created = await rounds.SendAsync(tenant, Id, new CreateRound(new RoundTerms("Schuljahr 2027/28 (Demo)", 2027, now + UntilDeadline, 7, places)), cancellationToken);
        if (created.Refusal is { } refusal)
        {
            throw new InvalidOperationException($"The demo round could not be created: {refusal.Code} {refusal.Message}");
        }

        Deadline = created.Round!.Deadline;
        await SubmitAsync(tenant, schools, becker, familyId, cancellationToken);
    }

    private async Task SubmitAsync(TenantId tenant, IReadOnlyList<Guid> schools, Guid becker, Guid familyId, CancellationToken cancellationToken)
    {
        foreach (var (n, form) in Children(schools, becker, familyId).Select((f, i) => (i, f)))
        {
            await rounds.SendAsync(tenant, Id, new SubmitRankedApplication(form, $"demo/{n}"), cancellationToken);
        }
    }

    /// <summary>Only when the county has none: an admin's statute is never replaced by the demo.</summary>
    private async Task EnactStatuteAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        if (await statutes.FindAsync(tenant, cancellationToken) is not null)
        {
            return;
        }

        await statutes.AmendAsync(
            tenant,
            [
                new CriterionRule(Criterion.Employment, 20),
                new CriterionRule(Criterion.Training, 10),
                new CriterionRule(Criterion.SingleParent, 30),
                new CriterionRule(Criterion.SiblingAtSchool, 25),
                new CriterionRule(Criterion.CatchmentArea, 15),
                new CriterionRule(Criterion.PriorityGrade, 10),
                new CriterionRule(Criterion.Hardship, 50),
            ],
            new GradeRange(1, 2),
            Guid.Empty,
            cancellationToken);
    }

    /// <summary>Paper applications as staff would enter them, evidence already checked; the Beckers' two are the demo family's.</summary>
    private static IEnumerable<ApplicationForm> Children(IReadOnlyList<Guid> schools, Guid beckers, Guid familyId)
    {
        var (r, b, p) = (Offerings[0].Id, Offerings[1].Id, Offerings[2].Id);
        var employed = new GuardianSituation(GuardianActivity.Employed, Evidence.VerifiedByStaff);
        ApplicationForm Form(string first, string last, int birthYear, int grade, Guid[] preferences, ApplicantFacts facts, Guid? siblings = null, Guid? family = null) =>
            new(new Child(first, last, new DateOnly(birthYear, 6, 1), grade), preferences, facts, siblings, family);

        yield return Form("Lena", "Becker", 2019, 3, [r, b], ApplicantFacts.None with { Guardians = [employed, employed] }, beckers, familyId);
        yield return Form("Noah", "Becker", 2021, 1, [r], ApplicantFacts.None with { Guardians = [employed, employed] }, beckers, familyId);
        yield return Form("Emma", "Schulz", 2019, 3, [r, p], ApplicantFacts.None with { SingleParent = Evidence.VerifiedByStaff });
        yield return Form("Ben", "Fischer", 2018, 4, [r], ApplicantFacts.None);
        yield return Form("Mila", "Wagner", 2019, 3, [b, r], ApplicantFacts.None with { Guardians = [employed], CatchmentSchools = [schools[1]] });
        yield return Form("Paul", "Hoffmann", 2020, 2, [b], ApplicantFacts.None);
        yield return Form("Sophie", "Koch", 2019, 3, [b, p], ApplicantFacts.None with { Guardians = [new(GuardianActivity.Employed, Evidence.Claimed)] });
        yield return Form("Jonas", "Richter", 2018, 4, [p, b], ApplicantFacts.None with { CatchmentSchools = [schools[2]] });
        yield return Form("Hanna", "Klein", 2019, 3, [p], ApplicantFacts.None with { Hardship = Evidence.VerifiedByStaff });
        yield return Form("Leon", "Wolf", 2018, 4, [r, b, p], ApplicantFacts.None);
        yield return Form("Marie", "Schröder", 2019, 3, [p, r], ApplicantFacts.None with { Guardians = [employed], SchoolsWithSiblingAttending = [schools[2]] });
    }
}
