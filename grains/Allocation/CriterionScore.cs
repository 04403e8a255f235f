namespace WebKita.Grains.Allocation;

/// <summary>Points one criterion earned at one offering: <paramref name="Count"/> times the rule's points.</summary>
[GenerateSerializer, Immutable, Alias("webkita.CriterionScore")]
public sealed record CriterionScore(Criterion Criterion, int Count, int Points);
