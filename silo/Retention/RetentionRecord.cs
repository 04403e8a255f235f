using WebKita.Grains.Common;

namespace WebKita.Silo.Retention;

/// <summary>
/// A tenant's yearly retention: the first year it is due (the first run date after the first
/// start that scheduled it) and the last year it ran, so a restart, or a reminder fired twice, never runs a
/// year twice and never skips one.
/// </summary>
public sealed record RetentionRecord(TenantId Tenant, int FirstYear, int? LastRunYear = null, RetentionCounts? LastRun = null)
{
    public int NextYear => LastRunYear is { } last ? last + 1 : FirstYear;
}
