namespace WebKita.Grains.Alarms;

/// <summary>When the school is in use on one weekday, local time, from inclusive, to exclusive.</summary>
[GenerateSerializer, Immutable, Alias("webkita.SchoolHours")]
public sealed record SchoolHours(DayOfWeek Day, TimeOnly From, TimeOnly To);
