using WebKita.Grains.Rounds;

namespace WebKita.Silo.Rounds;

/// <summary>A ranked application as read, with the versions of its two rows (0: no such row yet).</summary>
internal sealed record StoredRankedApplication(long FormVersion, long StandingVersion, RankedApplication Application);
