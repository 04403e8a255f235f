using WebKita.Grains.Allocation;
using WebKita.Grains.Offerings;

namespace WebKita.Bench.Deadline;

/// <summary>
/// The statute the benchmark enacts, and its own count of points from an application's facts,
/// written here without the allocation code so the check can compare the stored explanations
/// against it.
/// </summary>
public static class BenchStatute
{
    public const int Employment = 4;
    public const int Training = 3;
    public const int SingleParent = 5;
    public const int SiblingAtSchool = 6;
    public const int CatchmentArea = 8;
    public const int PriorityGrade = 2;
    public const int Hardship = 30;

    public static readonly GradeRange PriorityGrades = new(1, 2);

    public static IReadOnlyList<CriterionRule> Criteria { get; } =
    [
        new(Criterion.Employment, Employment),
        new(Criterion.Training, Training),
        new(Criterion.SingleParent, SingleParent),
        new(Criterion.SiblingAtSchool, SiblingAtSchool),
        new(Criterion.CatchmentArea, CatchmentArea),
        new(Criterion.PriorityGrade, PriorityGrade),
        new(Criterion.Hardship, Hardship),
    ];

    /// <summary>Points at a school from the facts alone: everything but a sibling group anchored there by the run.</summary>
    public static int PointsFromFacts(ApplicantFacts facts, int grade, Guid schoolId)
    {
        var points = 0;
        foreach (var guardian in facts.Guardians)
        {
            if (guardian.Evidence.Verified)
            {
                points += guardian.Activity switch
                {
                    GuardianActivity.Employed => Employment,
                    GuardianActivity.InTraining => Training,
                    _ => 0,
                };
            }
        }

        points += facts.SingleParent is { Verified: true } ? SingleParent : 0;
        points += facts.Hardship is { Verified: true } ? Hardship : 0;
        points += facts.CatchmentSchools.Contains(schoolId) ? CatchmentArea : 0;
        points += facts.SchoolsWithSiblingAttending.Contains(schoolId) ? SiblingAtSchool : 0;
        points += grade >= PriorityGrades.Lowest && grade <= PriorityGrades.Highest ? PriorityGrade : 0;
        return points;
    }

    /// <summary>The legal entitlement in the benchmark's school year 2026/27: first grade only.</summary>
    public static bool Entitled(int grade) => grade == 1;
}
