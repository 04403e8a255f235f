namespace WebKita.Grains.Offerings;

/// <summary>Where the offering's registration window stands, as last announced by its reminders.</summary>
public enum RegistrationPhase
{
    Scheduled,
    Open,
    Closed,
}
