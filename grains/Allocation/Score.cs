namespace WebKita.Grains.Allocation;

/// <summary>An applicant's points at one offering, criterion by criterion; only criteria that earned points are listed.</summary>
[GenerateSerializer, Immutable, Alias("webkita.Score")]
public sealed record Score(IReadOnlyList<CriterionScore> Criteria)
{
    public int Total => Criteria.Sum(c => c.Points);

    public int PointsFor(Criterion criterion) => Criteria.Where(c => c.Criterion == criterion).Sum(c => c.Points);
}
