using WebKita.Grains.Allocation;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;

namespace WebKita.Grains.Tests.Allocation;

/// <summary>A statute like the Main-Taunus-Kreis's and builders for applicants that tests vary one fact at a time.</summary>
internal static class AllocationExamples
{
    public const string Seed = "2026-04-01 öffentliche Ziehung 417";

    public static readonly TenantId Tenant = new("kreis-test");
    public static readonly Guid SchoolA = Guid.Parse("5c0a0000-0000-4000-8000-00000000000a");
    public static readonly Guid SchoolB = Guid.Parse("5c0a0000-0000-4000-8000-00000000000b");

    public static StatuteRules Rules(int version = 3) => new(
        Tenant,
        version,
        [
            new CriterionRule(Criterion.Employment, 50),
            new CriterionRule(Criterion.Training, 25),
            new CriterionRule(Criterion.SingleParent, 60),
            new CriterionRule(Criterion.SiblingAtSchool, 40),
            new CriterionRule(Criterion.CatchmentArea, 30),
            new CriterionRule(Criterion.PriorityGrade, 20),
            new CriterionRule(Criterion.Hardship, 100),
        ],
        new GradeRange(1, 2));

    public static Guid OfferingId(int n) => Guid.Parse($"0ff00000-0000-4000-8000-{n:D12}");

    public static Guid ApplicationId(int n) => Guid.Parse($"a0000000-0000-4000-8000-{n:D12}");

    public static OfferingPlaces Offering(int n, Guid school, int capacity) => new(OfferingId(n), school, capacity);

    public static Preference Choice(OfferingPlaces offering) => new(offering.OfferingId, offering.SchoolId);

    /// <summary>A grade-3 child with no points anywhere unless <paramref name="facts"/> say otherwise.</summary>
    public static Applicant Child(int n, IReadOnlyList<OfferingPlaces> preferences, ApplicantFacts? facts = null, int grade = 3, bool entitled = false, Guid? siblings = null) =>
        new(ApplicationId(n), $"kind{n}|muster|2018-05-01", siblings, grade, entitled, preferences.Select(Choice).ToArray(), facts ?? ApplicantFacts.None);

    public static ApplicantFacts Employed(int guardians, bool verified = true) =>
        ApplicantFacts.None with
        {
            Guardians = Enumerable.Repeat(new GuardianSituation(GuardianActivity.Employed, new Evidence(verified)), guardians).ToArray(),
        };

    public static ApplicantFacts Training(int guardians) =>
        ApplicantFacts.None with
        {
            Guardians = Enumerable.Repeat(new GuardianSituation(GuardianActivity.InTraining, Evidence.VerifiedByStaff), guardians).ToArray(),
        };

    public static Placement For(this AllocationResult result, int applicant) =>
        result.Placements.Single(p => p.ApplicationId == ApplicationId(applicant));
}
