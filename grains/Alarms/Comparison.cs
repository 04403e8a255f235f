namespace WebKita.Grains.Alarms;

public enum Comparison
{
    Below,
    Above,
}
