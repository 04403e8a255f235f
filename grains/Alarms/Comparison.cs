namespace WebKita.Grains.Alarms;

[GenerateSerializer, Alias("webkita.Comparison")]
public enum Comparison
{
    Below,
    Above,
}
