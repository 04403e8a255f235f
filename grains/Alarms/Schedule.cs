using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace WebKita.Grains.Alarms;

/// <summary>
/// When a school is in use: hours per weekday in the school's time zone, and closed days (holidays,
/// bridge days). Rules marked "school hours only" count readings only inside it.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.Schedule")]
public sealed record Schedule(string TimeZone, ImmutableList<SchoolHours> Hours, ImmutableList<DateOnly> ClosedDays)
{
    // Zone rules are read once per process; the lookup itself is too slow for every reading.
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    public static readonly Schedule Weekdays = new(
        "Europe/Berlin",
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new SchoolHours(d, new TimeOnly(7, 0), new TimeOnly(17, 0)))],
        []);

    /// <summary>Deterministic for a given time-zone database: the same instant always gives the same answer.</summary>
    public bool IsOpen(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zones.GetOrAdd(TimeZone, TimeZoneInfo.FindSystemTimeZoneById));
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return !ClosedDays.Contains(day) && Hours.Any(h => h.Day == local.DayOfWeek && time >= h.From && time < h.To);
    }

    public static bool IsKnownTimeZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
