namespace WebKita.Silo.Mail;

/// <summary>
/// The German words of every family mail. They name the child by first name and the offering,
/// nothing more: the rest is on the page behind the link, after signing in.
/// </summary>
public static class FamilyTexts
{
    public static MailContent Offer(string child, string offering, DateTimeOffset deadline, Uri link, string county) => new(
        $"Platzangebot für {child}: {offering}",
        [
            $"für {child} ist ein Platz im Angebot „{offering}“ frei.",
            $"Bitte nehmen Sie den Platz bis {GermanTime.Format(deadline)} an oder lehnen Sie ihn ab. Ohne Antwort verfällt das Angebot, und der Platz geht an das nächste Kind auf der Warteliste.",
        ],
        "Zum Angebot",
        link,
        county);

    public static MailContent OfferReminder(string child, string offering, DateTimeOffset deadline, Uri link, string county) => new(
        $"Erinnerung: Platzangebot für {child} läuft bald ab",
        [
            $"das Platzangebot für {child} im Angebot „{offering}“ läuft am {GermanTime.Format(deadline)} ab.",
            "Bitte antworten Sie bis dahin; sonst geht der Platz an das nächste Kind auf der Warteliste.",
        ],
        "Zum Angebot",
        link,
        county);

    public static MailContent Confirmed(string child, string offering, Uri link, string county) => new(
        $"Platz bestätigt: {child}, {offering}",
        [$"der Platz für {child} im Angebot „{offering}“ ist bestätigt. Wir freuen uns auf {child}."],
        "Zur Anmeldung",
        link,
        county);

    public static MailContent Rejected(string child, string offering, string reason, Uri link, string county) => new(
        $"Anmeldung abgelehnt: {child}, {offering}",
        [
            $"die Anmeldung für {child} im Angebot „{offering}“ wurde abgelehnt.",
            $"Begründung: {reason}",
            "Bei Fragen wenden Sie sich bitte an die Schule.",
        ],
        "Zur Anmeldung",
        link,
        county);

    public static MailContent WaitlistMovedUp(string child, string offering, int position, Uri link, string county) => new(
        $"Warteliste: {child} ist vorgerückt",
        [$"{child} steht auf der Warteliste für „{offering}“ jetzt auf Platz {position}."],
        "Zur Anmeldung",
        link,
        county);
}
