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

    /// <summary>A datetime-local input's value ("2027-03-01T12:00"), read as the county's local time; null when it is not one.</summary>
    public static DateTimeOffset? FromLocalInput(string? value)
    {
        if (!DateTime.TryParseExact(value, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        return new DateTimeOffset(local, Berlin.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The moment as a datetime-local input's value in the county's local time.</summary>
    public static string ToLocalInput(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Berlin).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
}
