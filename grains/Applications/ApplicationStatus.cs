namespace WebKita.Grains.Applications;

/// <summary>
/// Where an application stands, as the family sees it. Only <see cref="Confirmed"/> is a contract
/// (county statute); <see cref="Offered"/> and <see cref="Accepted"/> hold a place for the child
/// until then. An application that is not active (<see cref="ApplicationStatuses.IsActive"/>) ended and holds nothing.
/// </summary>
[GenerateSerializer, Alias("webkita.ApplicationStatus")]
public enum ApplicationStatus
{
    /// <summary>Collected for a deadline allocation; not a place.</summary>
    Submitted,

    /// <summary>Holds a place the family has taken (booked first come, first served, or an accepted offer); staff confirm it next.</summary>
    Accepted,

    /// <summary>Waits for a place; the offering's waitlist holds its position.</summary>
    Waitlisted,

    /// <summary>The family took it back; a place it held went to the waitlist.</summary>
    Withdrawn,

    /// <summary>A place is held for the child until the offer's deadline; the family accepts or declines.</summary>
    Offered,

    /// <summary>Staff confirmed the accepted place in writing: now a contract.</summary>
    Confirmed,

    /// <summary>The family declined the offer; the place went on.</summary>
    Declined,

    /// <summary>The offer's deadline passed unanswered; the place went on.</summary>
    Expired,

    /// <summary>Staff rejected the application, with a reason the family sees.</summary>
    Rejected,
}
