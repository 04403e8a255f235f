using WebKita.Grains.Allocation;

namespace WebKita.Grains.Rounds;

/// <summary>
/// The record of the run at the deadline: with the seed and the statute version anyone can
/// recompute every application's lottery number and rank. Written once; never changed.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.PublishedRun")]
public sealed record PublishedRun(
    string Seed,
    int RulesVersion,
    DateTimeOffset RanAt,
    int Applicants,
    int Placed,
    int PlacedAboveCapacity,
    int Waitlisted,
    IReadOnlyList<SchoolShortfall> Shortfalls);
