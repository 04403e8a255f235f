using System.Globalization;
using CsvHelper;
using WebKita.Grains.Applications;
using WebKita.Grains.Schools;

namespace WebKita.Api.Placements;

/// <summary>
/// Writes class lists for German Excel: UTF-8 with a byte order mark (without it Excel reads
/// umlauts as Windows-1252), ';' between fields (Excel's separator under German settings), and
/// every cell that starts with =, +, -, @, tab or CR prefixed with an apostrophe, so a child's
/// name cannot run as a formula on a staff computer.
/// </summary>
public static class PlacementCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Separator = ';',
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static byte[] Write(IReadOnlyList<PlacementRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, Options, leaveOpen: true))
        {
            csv.WriteHeader(["Angebot", "Nachname", "Vorname", "Geburtsdatum", "Klassenstufe", "Status", "Eingang Nr.", "Eingegangen (UTC)"]);
            foreach (var row in rows)
            {
                csv.WriteField(row.OfferingTitle);
                csv.WriteField(row.LastName);
                csv.WriteField(row.FirstName);
                csv.WriteField(row.BirthDate, "yyyy-MM-dd");
                csv.WriteField(row.Grade);
                csv.WriteField(German(row.Status));
                csv.WriteField(row.Arrival);
                csv.WriteField(row.SubmittedAt.UtcDateTime, "yyyy-MM-dd HH:mm:ss");
                csv.EndRecord();
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The status as the school's staff read it in the class list.</summary>
    public static string German(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted => "Eingegangen",
        ApplicationStatus.Offered => "Angeboten",
        ApplicationStatus.Accepted => "Angenommen",
        ApplicationStatus.Confirmed => "Bestätigt",
        ApplicationStatus.Waitlisted => "Warteliste",
        ApplicationStatus.Declined => "Abgesagt",
        ApplicationStatus.Expired => "Frist abgelaufen",
        ApplicationStatus.Withdrawn => "Zurückgezogen",
        ApplicationStatus.Rejected => "Abgelehnt",
        _ => status.ToString(),
    };

    /// <summary>"Belegung {school}.csv", with anything but letters, digits, space and '-' replaced, so the name is safe on every file system.</summary>
    public static string FileName(School school) =>
        $"Belegung {string.Concat(school.Name.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' ? c : '-'))}.csv";
}
