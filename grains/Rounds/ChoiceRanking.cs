using WebKita.Grains.Allocation;

namespace WebKita.Grains.Rounds;

/// <summary>An application's 1-based rank at one offering it asked for and the points per criterion it had there.</summary>
[GenerateSerializer, Immutable, Alias("webkita.ChoiceRanking")]
public sealed record ChoiceRanking(int Rank, IReadOnlyList<CriterionScore> Criteria);
