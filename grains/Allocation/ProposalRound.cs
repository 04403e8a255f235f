using System.Runtime.CompilerServices;

namespace WebKita.Grains.Allocation;

/// <summary>
/// One pass of applicant-proposing deferred acceptance over fixed priorities. Works on indices
/// (applicant, choice, offering) rather than ids so that 50,000 applicants stay fast.
/// The run happens once per round, so its code is always cold: the hot loops here and in
/// <see cref="AllocationReport"/>, <see cref="StatuteRules.Score"/> and <see cref="Lottery"/> are
/// compiled optimized at once (AggressiveOptimization) instead of running unoptimized until tiered
/// compilation catches up.
/// </summary>
internal sealed class ProposalRound
{
    private readonly int[][] _choices;
    private readonly int[] _capacities;

    /// <param name="choices">Per applicant, the offering index of each choice, best first.</param>
    /// <param name="scores">Per applicant and choice, the points at that offering.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ProposalRound(int[][] choices, int[] capacities, Score[][] scores, ulong[] lottery, Guid[] applicationIds)
    {
        _choices = choices;
        _capacities = capacities;
        Scores = scores;
        Ranks = choices.Select(c => new int[c.Length]).ToArray();
        Orders = Order(choices, capacities.Length, scores, lottery, applicationIds);
        for (var o = 0; o < Orders.Length; o++)
        {
            for (var position = 0; position < Orders[o].Length; position++)
            {
                var a = Orders[o][position];
                Ranks[a][Array.IndexOf(choices[a], o)] = position;
            }
        }

        HeldChoice = Propose();
    }

    public Score[][] Scores { get; }

    /// <summary>Per applicant and choice, the 0-based position at that offering.</summary>
    public int[][] Ranks { get; }

    /// <summary>Per offering, the applicants who asked for it, best first.</summary>
    public int[][] Orders { get; }

    /// <summary>Per applicant, the index of the choice it holds, or -1.</summary>
    public int[] HeldChoice { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[][] Order(int[][] choices, int offeringCount, Score[][] scores, ulong[] lottery, Guid[] applicationIds)
    {
        var totals = scores.Select(s => s.Select(x => x.Total).ToArray()).ToArray();
        var asked = Enumerable.Range(0, offeringCount).Select(_ => new List<(int Applicant, int Points)>()).ToArray();
        for (var a = 0; a < choices.Length; a++)
        {
            for (var c = 0; c < choices[a].Length; c++)
            {
                asked[choices[a][c]].Add((a, totals[a][c]));
            }
        }

        // The application id only decides if two lottery numbers collide (about 1 in 2^64), so the
        // order is total and a run never depends on the input's order.
        return asked.Select(list =>
        {
            list.Sort((x, y) =>
            {
                var byPoints = y.Points.CompareTo(x.Points);
                if (byPoints != 0)
                {
                    return byPoints;
                }

                var byLot = lottery[x.Applicant].CompareTo(lottery[y.Applicant]);
                return byLot != 0 ? byLot : applicationIds[x.Applicant].CompareTo(applicationIds[y.Applicant]);
            });
            return list.Select(x => x.Applicant).ToArray();
        }).ToArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int[] Propose()
    {
        // Each offering holds its tentatively admitted applicants in a heap whose top is the one it
        // ranks lowest, the one to reject when someone better proposes.
        var held = _capacities.Select(c => new PriorityQueue<int, int>(Math.Min(c, 1024))).ToArray();
        var next = new int[_choices.Length];
        var free = new Stack<int>(Enumerable.Range(0, _choices.Length).Reverse());
        while (free.TryPop(out var a))
        {
            if (next[a] == _choices[a].Length)
            {
                continue;
            }

            var choice = next[a]++;
            var o = _choices[a][choice];
            var rank = Ranks[a][choice];
            var queue = held[o];
            if (queue.Count < _capacities[o])
            {
                queue.Enqueue(a, -rank);
            }
            else if (queue.TryPeek(out var worst, out var negatedWorstRank) && -negatedWorstRank > rank)
            {
                queue.DequeueEnqueue(a, -rank);
                free.Push(worst);
            }
            else
            {
                free.Push(a);
            }
        }

        var heldChoice = new int[_choices.Length];
        Array.Fill(heldChoice, -1);
        foreach (var queue in held)
        {
            foreach (var (a, _) in queue.UnorderedItems)
            {
                heldChoice[a] = next[a] - 1;
            }
        }

        return heldChoice;
    }
}
