using System.Runtime.CompilerServices;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;

namespace WebKita.Grains.Allocation;

/// <summary>
/// One version of a county's statute for criteria-at-deadline offerings. Versions are never
/// edited: a run records the <see cref="Version"/> it used, so its ranking can be explained later
/// with the rules in force at the time. Immutable and thread-safe.
/// </summary>
/// <param name="PriorityGrades">The grades <see cref="Criterion.PriorityGrade"/> is given to, e.g. 1 to 2.</param>
[GenerateSerializer, Immutable, Alias("webkita.StatuteRules")]
public sealed record StatuteRules(TenantId Tenant, int Version, IReadOnlyList<CriterionRule> Criteria, GradeRange PriorityGrades)
{
    /// <summary>Every problem at once, so an admin form can show them all.</summary>
    public IReadOnlyList<FieldProblem> Problems()
    {
        var problems = new List<FieldProblem>();
        if (Version < 1)
        {
            problems.Add(new("version", "must be 1 or more"));
        }

        if (Criteria.Any(c => c.Points is < 0 or > CriterionRule.MaxPoints))
        {
            problems.Add(new("criteria", $"points must be between 0 and {CriterionRule.MaxPoints}"));
        }

        if (Criteria.GroupBy(c => c.Criterion).Any(g => g.Count() > 1))
        {
            problems.Add(new("criteria", "each criterion may appear once"));
        }

        if (PriorityGrades.Lowest < 1 || PriorityGrades.Lowest > PriorityGrades.Highest)
        {
            problems.Add(new("priorityGrades", "must be a range from 1 up with lowest <= highest"));
        }

        return problems;
    }

    /// <summary>
    /// The applicant's points at an offering of <paramref name="schoolId"/>.
    /// <paramref name="siblingGroupPlacedHere"/> is true when the allocation anchored the child's
    /// sibling group at this school.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Score Score(Applicant applicant, Guid schoolId, bool siblingGroupPlacedHere)
    {
        var scores = new List<CriterionScore>();
        foreach (var rule in Criteria)
        {
            if (!rule.AppliesAt(schoolId))
            {
                continue;
            }

            var count = Count(rule.Criterion, applicant, schoolId, siblingGroupPlacedHere);
            if (count > 0)
            {
                scores.Add(new CriterionScore(rule.Criterion, count, count * rule.Points));
            }
        }

        return new Score(scores);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Count(Criterion criterion, Applicant applicant, Guid schoolId, bool siblingGroupPlacedHere)
    {
        var facts = applicant.Facts;
        return criterion switch
        {
            Criterion.Employment => VerifiedGuardians(facts, GuardianActivity.Employed),
            Criterion.Training => VerifiedGuardians(facts, GuardianActivity.InTraining),
            Criterion.SingleParent => facts.SingleParent is { Verified: true } ? 1 : 0,
            Criterion.Hardship => facts.Hardship is { Verified: true } ? 1 : 0,
            Criterion.CatchmentArea => facts.CatchmentSchools.Contains(schoolId) ? 1 : 0,
            // Once, however many siblings: the criterion is about the family, not a count of children.
            Criterion.SiblingAtSchool => siblingGroupPlacedHere || facts.SchoolsWithSiblingAttending.Contains(schoolId) ? 1 : 0,
            Criterion.PriorityGrade => PriorityGrades.Contains(applicant.Grade) ? 1 : 0,
            _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, $"Criterion {criterion} has no counting rule."),
        };
    }

    // A loop, not LINQ: the run counts this for every choice of every applicant, twice.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int VerifiedGuardians(ApplicantFacts facts, GuardianActivity activity)
    {
        var count = 0;
        for (var g = 0; g < facts.Guardians.Count; g++)
        {
            count += facts.Guardians[g] is { Evidence.Verified: true } guardian && guardian.Activity == activity ? 1 : 0;
        }

        return count;
    }
}
