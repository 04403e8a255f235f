namespace WebKita.Grains.Allocation;

/// <summary>
/// The points one criterion is worth. It counts at every criteria-at-deadline offering of the
/// tenant unless <paramref name="OnlyAtSchools"/> names the schools it is limited to.
/// </summary>
/// <param name="Points">Per occurrence: <see cref="Criterion.Employment"/> and <see cref="Criterion.Training"/> count once per guardian, the others once.</param>
[GenerateSerializer, Immutable, Alias("webkita.CriterionRule")]
public sealed record CriterionRule(Criterion Criterion, int Points, IReadOnlyList<Guid>? OnlyAtSchools = null)
{
    public const int MaxPoints = 1_000;

    public bool AppliesAt(Guid schoolId) => OnlyAtSchools is null || OnlyAtSchools.Contains(schoolId);
}
