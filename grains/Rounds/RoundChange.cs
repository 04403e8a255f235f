using WebKita.Grains.Common;

namespace WebKita.Grains.Rounds;

/// <summary>The round after a decision, the applications it changed and what the family is told.</summary>
[GenerateSerializer, Immutable, Alias("webkita.RoundChange")]
public sealed record RoundChange(AllocationRound Round, IReadOnlyList<RankedApplication> Changed, IReadOnlyList<DomainEvent> Events)
{
    public static RoundChange Of(AllocationRound round, RankedApplication changed, string eventType, DateTimeOffset at) =>
        new(round, [changed], [changed.Event(eventType, at)]);
}
