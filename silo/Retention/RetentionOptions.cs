namespace WebKita.Silo.Retention;

/// <summary>
/// The <c>Retention</c> section: when the yearly run happens (<see cref="Month"/>, <see cref="Day"/>,
/// midnight in Europe/Berlin) and how many past school years of registrations it keeps.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>The German school year begins on 1 August (Hessian school law).</summary>
    public const int SchoolYearStartMonth = 8;

    public bool Enabled { get; set; } = true;

    public int Month { get; set; } = 9;

    public int Day { get; set; } = 1;

    /// <summary>
    /// Registrations that closed in the current school year or in this many school years before it
    /// stay; older ones are anonymised. 1 keeps last year's, so a family can still ask about a place
    /// of the school year that just ended.
    /// </summary>
    public int KeepSchoolYears { get; set; } = 1;
}
