using WebKita.Api.Pages.Site;
using WebKita.Grains.Applications;

namespace WebKita.Api.Pages.Familie;

/// <summary>
/// One unambiguous sentence per status, as the family reads it: an application that waits must
/// never read like a place. The css class only repeats what the words say.
/// </summary>
public sealed record StatusText(string Label, string Detail, string Css)
{
    public static StatusText Of(ApplicationStatus status, int? waitlistPosition, DateTimeOffset? offerExpiresAt, string? reason) => status switch
    {
        ApplicationStatus.Submitted => new("Eingegangen", "Noch kein Platz: die Plätze werden zum Stichtag vergeben.", "warten"),
        ApplicationStatus.Waitlisted => new(
            waitlistPosition is { } position ? $"Warteliste, Platz {position}" : "Warteliste",
            "Noch kein Platz. Wird ein Platz frei, bieten wir ihn Ihnen an, wenn Sie an der Reihe sind.", "warten"),
        ApplicationStatus.Offered => new(
            "Platz angeboten",
            offerExpiresAt is { } until ? $"Bitte nehmen Sie den Platz bis {GermanTime.Format(until)} an oder lehnen Sie ihn ab. Danach geht er an die nächste Familie." : "Bitte nehmen Sie den Platz an oder lehnen Sie ihn ab.",
            "warten"),
        ApplicationStatus.Accepted => new("Platz angenommen", "Die Schule bestätigt den Platz noch schriftlich; erst dann ist er vertraglich vereinbart.", "gut"),
        ApplicationStatus.Confirmed => new("Bestätigt", "Die Schule hat den Platz bestätigt. Ihr Kind hat einen Betreuungsplatz.", "gut"),
        ApplicationStatus.Declined => new("Von Ihnen abgelehnt", "Sie haben das Angebot abgelehnt; der Platz ging an die nächste Familie.", "schlecht"),
        ApplicationStatus.Expired => new(
            "Angebot abgelaufen",
            offerExpiresAt is { } lapsed ? $"Das Angebot ist am {GermanTime.Format(lapsed)} ohne Antwort abgelaufen." : "Das Angebot ist ohne Antwort abgelaufen.",
            "schlecht"),
        ApplicationStatus.Rejected => new("Abgelehnt", $"Die Schule hat die Anmeldung abgelehnt. Grund: {reason}", "schlecht"),
        ApplicationStatus.Withdrawn => new("Zurückgezogen", "Sie haben die Anmeldung zurückgezogen.", "schlecht"),
        _ => new(status.ToString(), "", "warten"),
    };
}
