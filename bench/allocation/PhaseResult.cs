using System.Globalization;

namespace WebKita.Bench.Allocation;

/// <summary>
/// One booking phase: how many calls were answered in how long, what the store holds afterwards,
/// and how many commits the offering took (its version, less the one that created it).
/// </summary>
/// <param name="Mismatches">Answers the store contradicts: a decision answered but not stored, or stored with another status.</param>
public sealed record PhaseResult(
    string Name, int Calls, int Answered, int Errors, TimeSpan Elapsed, AllocationCheck Check, long OfferingVersion, int Mismatches, int OfferingStateBytes, Latencies Latencies)
{
    public double Rate => Answered / Elapsed.TotalSeconds;

    public long Commits => OfferingVersion - 1;

    public void Print()
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant, $"{Name}: {Answered}/{Calls} answered in {Elapsed.TotalSeconds:F2} s = {Rate:F0}/s, errors {Errors}, {Latencies}"));
        Console.WriteLine(string.Create(invariant, $"{Name}: {Check}, answers contradicted by the store {Mismatches}"));
        Console.WriteLine(string.Create(invariant,
            $"{Name}: offering commits {Commits} (version {OfferingVersion}), mean batch {(Commits > 0 ? (double)Answered / Commits : 0):F1}, {(Commits > 0 ? Elapsed.TotalMilliseconds / Commits : 0):F1} ms per commit, final offering state {OfferingStateBytes / 1024} KiB"));
    }
}
