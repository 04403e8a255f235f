using System.Runtime.CompilerServices;
using WebKita.Grains.Allocation;

namespace WebKita.Grains.Rounds;

/// <summary>
/// What the run recorded for one application: the parts of its <see cref="Explanation"/> that
/// differ from child to child. The seed and rules version live once in <see cref="PublishedRun"/>
/// and each offering's applicants, capacity and cut-off once in <see cref="RoundOffering.AtRun"/>;
/// <see cref="AllocationRound.Explain"/> puts them together. Stored with every ranked application,
/// so it is kept small: at 50,000 applications the full explanation was half of what the run wrote.
/// </summary>
/// <param name="Choices">One per preference, in the family's order.</param>
/// <param name="AdmittedChoice">0-based index of the choice placed at (within or above capacity), or null.</param>
[GenerateSerializer, Immutable, Alias("webkita.RunRanking")]
public sealed record RunRanking(ulong LotteryNumber, int? AdmittedChoice, IReadOnlyList<ChoiceRanking> Choices)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RunRanking Of(Explanation explanation)
    {
        var choices = new ChoiceRanking[explanation.Offerings.Count];
        int? admitted = null;
        for (var c = 0; c < choices.Length; c++)
        {
            var standing = explanation.Offerings[c];
            choices[c] = new ChoiceRanking(standing.Rank, standing.Score.Criteria);
            admitted = standing.Admitted ? c : admitted;
        }

        return new RunRanking(explanation.LotteryNumber, admitted, choices);
    }
}
