using WebKita.Silo.Mail;

namespace WebKita.Api.Mail;

/// <summary>
/// The small German page behind an unsubscribe link. Opening the link changes nothing (mail
/// scanners open links); the button posts it back, as do mail programs' one-click unsubscribe (RFC 8058).
/// </summary>
public static class UnsubscribePage
{
    public static IResult Confirm(string what, string postUrl) => Page(
        "E-Mails abbestellen",
        $"<p>Sie erhalten dann keine E-Mails mehr zu: {MailHtml.Encode(what)}.</p>\n"
        + $"<form method=\"post\" action=\"{MailHtml.Encode(postUrl)}\"><button type=\"submit\">Abbestellen</button></form>\n"
        + "<p>Platzangebote, Bestätigungen und Absagen erhalten Sie weiterhin.</p>");

    public static IResult Done(string what) => Page(
        "Abbestellt",
        $"<p>Sie erhalten keine E-Mails mehr zu: {MailHtml.Encode(what)}. Nach der Anmeldung können Sie das in Ihren Einstellungen wieder ändern.</p>");

    private static IResult Page(string title, string body) => TypedResults.Content(
        $"<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\"><title>{title}</title></head>\n<body><h1>{title}</h1>\n{body}\n</body></html>\n",
        "text/html; charset=utf-8");
}
