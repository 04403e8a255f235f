namespace WebKita.Grains.Applications;

public enum ApplicationStatus
{
    /// <summary>Collected for a deadline allocation; not a place.</summary>
    Submitted,

    /// <summary>Has a place in the offering.</summary>
    Allocated,

    /// <summary>Waits for a place; the offering's waitlist holds its position.</summary>
    Waitlisted,

    /// <summary>The family took it back; a place it held went to the waitlist.</summary>
    Withdrawn,
}
