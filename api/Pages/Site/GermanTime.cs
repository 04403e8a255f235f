using System.Globalization;

namespace WebKita.Api.Pages.Site;

/// <summary>
/// Times as families read them: German words, in the county's time zone. The process runs in
/// invariant globalization mode (no ICU), so the German names are spelled out here.
/// </summary>
public static class GermanTime
{
    private static readonly string[] Days = ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"];

    private static readonly string[] Months =
        ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Berlin", out var zone) ? zone : TimeZoneInfo.Utc;

    public static string Format(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, Berlin);
        return string.Create(CultureInfo.InvariantCulture, $"{Days[(int)local.DayOfWeek]}, {Date(DateOnly.FromDateTime(local.DateTime))}, {local:HH:mm} Uhr");
    }

    public static string Date(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Day}. {Months[date.Month - 1]} {date.Year}");
}
