using System.Collections.Immutable;

namespace WebKita.Grains.Tests.GroupCommits;

/// <summary>A minimal hot state for the group-commit tests: a fixed number of seats, each held by one holder.</summary>
[GenerateSerializer, Immutable, Alias("webkita.tests.Seats")]
public sealed record Seats(int Capacity, ImmutableList<Guid> Holders)
{
    public Seats()
        : this(0, [])
    {
    }

    /// <summary>Idempotent: a holder asking again keeps its seat. False when full.</summary>
    public (Seats State, bool Answer) Take(Guid holder) =>
        Holders.Contains(holder) ? (this, true)
        : Holders.Count >= Capacity ? (this, false)
        : (this with { Holders = Holders.Add(holder) }, true);
}
