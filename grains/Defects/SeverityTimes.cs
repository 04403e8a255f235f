namespace WebKita.Grains.Defects;

/// <summary>What each severity allows: time until someone must acknowledge, and until the fix is due.</summary>
public static class SeverityTimes
{
    public static TimeSpan AcknowledgeWithin(Severity severity) => severity switch
    {
        Severity.Critical => TimeSpan.FromMinutes(15),
        Severity.Major => TimeSpan.FromHours(1),
        Severity.Minor => TimeSpan.FromHours(4),
        _ => TimeSpan.FromHours(24),
    };

    public static TimeSpan ResolveWithin(Severity severity) => severity switch
    {
        Severity.Critical => TimeSpan.FromHours(4),
        Severity.Major => TimeSpan.FromDays(1),
        Severity.Minor => TimeSpan.FromDays(3),
        _ => TimeSpan.FromDays(7),
    };

    public static Severity Max(Severity a, Severity b) => a >= b ? a : b;
}
