using WebKita.Grains.Allocation;

namespace WebKita.Grains.Statutes;

/// <summary>One version of a statute as it was enacted: the rules, who enacted them and when. Never changed afterwards.</summary>
[GenerateSerializer, Immutable, Alias("webkita.StatuteVersion")]
public sealed record StatuteVersion(StatuteRules Rules, Guid EnactedBy, DateTimeOffset EnactedAt);
