using WebKita.Grains.Allocation;
using WebKita.Grains.Offerings;
using WebKita.Grains.Statutes;

namespace WebKita.Api.Statutes;

/// <summary>
/// What a county admin sends to change the statute: the rules without a version, which the
/// statute assigns. Nullable so a missing field is a field error, not a crash.
/// </summary>
public sealed record StatuteRequest(IReadOnlyList<CriterionRuleRequest?>? Criteria, int? LowestPriorityGrade, int? HighestPriorityGrade)
{
    public (IReadOnlyList<CriterionRule>? Criteria, GradeRange? PriorityGrades, Dictionary<string, string[]> Errors) ToRules()
    {
        var errors = new Dictionary<string, string[]>();
        if (Criteria is null)
        {
            errors["criteria"] = ["is required"];
        }
        else if (Criteria.Any(c => c?.Criterion is null || c.Points is null))
        {
            errors["criteria"] = ["every entry needs a criterion and points"];
        }

        if (LowestPriorityGrade is null)
        {
            errors["lowestPriorityGrade"] = ["is required"];
        }

        if (HighestPriorityGrade is null)
        {
            errors["highestPriorityGrade"] = ["is required"];
        }

        return errors.Count > 0
            ? (null, null, errors)
            : ([.. Criteria!.Select(c => new CriterionRule(c!.Criterion!.Value, c.Points!.Value, c.OnlyAtSchools))],
                new GradeRange(LowestPriorityGrade!.Value, HighestPriorityGrade!.Value),
                errors);
    }
}

/// <param name="OnlyAtSchools">Null: the criterion counts at every school of the tenant.</param>
public sealed record CriterionRuleRequest(Criterion? Criterion, int? Points, IReadOnlyList<Guid>? OnlyAtSchools = null);

public sealed record CriterionRuleResponse(Criterion Criterion, int Points, IReadOnlyList<Guid>? OnlyAtSchools);

/// <summary>One version of the statute, as enacted.</summary>
public sealed record StatuteResponse(
    int Version,
    IReadOnlyList<CriterionRuleResponse> Criteria,
    int LowestPriorityGrade,
    int HighestPriorityGrade,
    Guid EnactedBy,
    DateTimeOffset EnactedAt)
{
    public static StatuteResponse From(StatuteVersion version) => new(
        version.Rules.Version,
        [.. version.Rules.Criteria.Select(c => new CriterionRuleResponse(c.Criterion, c.Points, c.OnlyAtSchools))],
        version.Rules.PriorityGrades.Lowest,
        version.Rules.PriorityGrades.Highest,
        version.EnactedBy,
        version.EnactedAt);
}
