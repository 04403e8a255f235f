namespace WebKita.Silo.Cluster;

/// <summary>The <c>Silo:Reminders</c> section.</summary>
public sealed class ReminderSettings
{
    /// <summary>
    /// The shortest period a grain may register. Our reminders mark one moment (a window edge, an
    /// offer's expiry, a deadline) and are unregistered by the turn that acts on them; the period only
    /// says how soon a tick that failed comes again. One minute keeps a failing grain from hammering
    /// the store; tests lower it to see a second tick without waiting.
    /// </summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
