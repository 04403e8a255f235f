namespace WebKita.Grains.Applications;

public static class ApplicationStatuses
{
    /// <summary>Holds a place in an offering (counts against its capacity).</summary>
    public static bool HoldsPlace(this ApplicationStatus status) =>
        status is ApplicationStatus.Offered or ApplicationStatus.Accepted or ApplicationStatus.Confirmed;

    /// <summary>Still in the process: waiting, offered or holding a place.</summary>
    public static bool IsActive(this ApplicationStatus status) =>
        status is ApplicationStatus.Submitted or ApplicationStatus.Waitlisted || status.HoldsPlace();
}
