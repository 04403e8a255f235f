using WebKita.Grains.Allocation;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;

namespace WebKita.Grains.Statutes;

/// <summary>
/// A county's statute for criteria-at-deadline offerings with every version it ever had, oldest
/// first. Append-only: a change adds version n + 1 and leaves the earlier ones as they were, so an
/// allocation that recorded its rules version can always be explained with those rules. Immutable;
/// changed only through its methods. Statutes change a few times a year, so all versions fit in
/// one grain.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.Statute")]
public sealed record Statute(TenantId Tenant, IReadOnlyList<StatuteVersion> Versions)
{
    /// <summary>The first version of a tenant's statute.</summary>
    public static Outcome<Statute> Enact(
        TenantId tenant, IReadOnlyList<CriterionRule> criteria, GradeRange priorityGrades, Guid enactedBy, DateTimeOffset enactedAt)
    {
        var rules = new StatuteRules(tenant, 1, criteria, priorityGrades);
        var refusal = Validate(rules);
        return refusal is null ? Outcome<Statute>.Done(new Statute(tenant, [new StatuteVersion(rules, enactedBy, enactedAt)])) : refusal;
    }

    /// <summary>
    /// Adds the next version. Idempotent: rules equal to the current version's answer this statute
    /// unchanged, so a retried request does not add a version that changes nothing.
    /// </summary>
    public Outcome<Statute> Amend(IReadOnlyList<CriterionRule> criteria, GradeRange priorityGrades, Guid enactedBy, DateTimeOffset enactedAt)
    {
        var current = Current().Rules;
        var rules = new StatuteRules(Tenant, current.Version + 1, criteria, priorityGrades);
        var refusal = Validate(rules);
        if (refusal is not null)
        {
            return refusal;
        }

        return SameRules(current, rules)
            ? Outcome<Statute>.Done(this)
            : Outcome<Statute>.Done(this with { Versions = [.. Versions, new StatuteVersion(rules, enactedBy, enactedAt)] });
    }

    /// <summary>The version in force: the latest one.</summary>
    public StatuteVersion Current() => Versions[^1];

    /// <summary>The version numbered <paramref name="version"/>, or null when there is none.</summary>
    public StatuteVersion? Find(int version) => version >= 1 && version <= Versions.Count ? Versions[version - 1] : null;

    private static Refusal? Validate(StatuteRules rules)
    {
        var problems = new List<FieldProblem>(rules.Problems());
        // Numbers outside the enum pass JSON binding; scoring would throw on them at the deadline.
        if (rules.Criteria.Any(c => !Enum.IsDefined(c.Criterion)))
        {
            problems.Add(new("criteria", "names an unknown criterion"));
        }

        return problems.Count > 0 ? new Refusal("statute.invalid", "The statute's rules are not valid.", problems) : null;
    }

    private static bool SameRules(StatuteRules a, StatuteRules b) =>
        a.PriorityGrades == b.PriorityGrades
        && a.Criteria.Count == b.Criteria.Count
        && a.Criteria.Zip(b.Criteria).All(pair =>
            pair.First.Criterion == pair.Second.Criterion
            && pair.First.Points == pair.Second.Points
            && (pair.First.OnlyAtSchools ?? []).SequenceEqual(pair.Second.OnlyAtSchools ?? [])
            && pair.First.OnlyAtSchools is null == pair.Second.OnlyAtSchools is null);
}
