using WebKita.Grains.Defects;
using WebKita.Photos.Pipeline;

namespace WebKita.Api.Pages.Report;

/// <summary>The report pages' German words for categories, statuses and photo refusals.</summary>
public static class GermanTexts
{
    public static string Category(DefectCategory category) => category switch
    {
        DefectCategory.Heating => "Heizung",
        DefectCategory.Sanitary => "Sanitär (WC, Wasser)",
        DefectCategory.Electrical => "Strom und Licht",
        DefectCategory.WindowsDoors => "Fenster und Türen",
        DefectCategory.Furniture => "Möbel",
        DefectCategory.Cleaning => "Reinigung",
        DefectCategory.It => "IT und Technik",
        _ => "Sonstiges",
    };

    public static string Status(TicketStatus status) => status switch
    {
        TicketStatus.New => "Eingegangen",
        TicketStatus.Acknowledged => "Angenommen",
        TicketStatus.InProgress => "In Arbeit",
        TicketStatus.Resolved => "Behoben",
        TicketStatus.Closed => "Abgeschlossen",
        TicketStatus.Rejected => "Abgelehnt",
        _ => "Schon anders gemeldet",
    };

    public static string Refusal(RefusalReason reason) => reason switch
    {
        RefusalReason.Empty => "Die Datei ist leer.",
        RefusalReason.TooLarge => "Die Datei ist größer als 10 MB.",
        RefusalReason.NotAnImage => "Die Datei ist kein Bild.",
        RefusalReason.FormatNotAllowed => "Bitte ein Foto als JPEG, PNG, WebP oder HEIC senden.",
        RefusalReason.TooManyPixels => "Das Bild ist zu groß (mehr als 40 Megapixel).",
        RefusalReason.TooManyFrames => "Bitte ein einzelnes Foto senden, keine Animation.",
        RefusalReason.TooMuchMetadata => "Die Datei enthält zu viele Zusatzdaten.",
        RefusalReason.Damaged => "Die Datei ist beschädigt oder unvollständig.",
        _ => "Das Foto konnte nicht rechtzeitig verarbeitet werden.",
    };
}
