namespace WebKita.Grains.Offerings;

/// <summary>Where the offering's registration window stands, as last announced by its reminders.</summary>
[GenerateSerializer, Alias("webkita.RegistrationPhase")]
public enum RegistrationPhase
{
    Scheduled,
    Open,
    Closed,
}
