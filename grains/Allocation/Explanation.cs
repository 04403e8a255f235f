namespace WebKita.Grains.Allocation;

/// <summary>
/// What a family is shown about its application: enough to recompute the decision by hand with
/// the published seed and the rules of <see cref="RulesVersion"/>.
/// </summary>
/// <param name="Offerings">One entry per offering asked for, in the family's order.</param>
[GenerateSerializer, Immutable, Alias("webkita.Explanation")]
public sealed record Explanation(string Seed, int RulesVersion, ulong LotteryNumber, IReadOnlyList<OfferingStanding> Offerings);
