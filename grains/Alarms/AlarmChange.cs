namespace WebKita.Grains.Alarms;

/// <summary>What a reading did to a rule's alarm.</summary>
public enum AlarmChange
{
    None,
    Raised,
    SeverityRaised,
    Cleared,
}
