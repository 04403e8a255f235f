namespace WebKita.Silo.Retention;

/// <summary>What one run did: counts only, never whose data.</summary>
/// <param name="Applications">First-come applications anonymised.</param>
/// <param name="RoundApplications">Round applications anonymised.</param>
/// <param name="HeldBack">Old applications left alone because they hold an offer still open.</param>
public sealed record RetentionCounts(int Year, DateTimeOffset Cutoff, int Applications, int RoundApplications, int HeldBack);
