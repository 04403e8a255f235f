using System.Globalization;

namespace WebKita.Silo.Mail;

/// <summary>
/// Times as a family in the county reads them: Europe/Berlin, summer time included, German names.
/// Written out by hand because the processes run without ICU cultures (invariant globalization).
/// </summary>
public static class GermanTime
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly string[] Days = ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"];
    private static readonly string[] Months =
        ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];

    /// <summary>"Freitag, 11. Dezember 2026, 14:30 Uhr".</summary>
    public static string Format(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Berlin);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Days[(int)local.DayOfWeek]}, {local.Day}. {Months[local.Month - 1]} {local.Year}, {local.Hour:00}:{local.Minute:00} Uhr");
    }
}
