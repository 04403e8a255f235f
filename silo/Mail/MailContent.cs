using System.Text;

namespace WebKita.Silo.Mail;

/// <summary>
/// A mail's words before they become plain text and HTML. Every value that came from people
/// (names, titles, reasons) is HTML-encoded in the HTML part, so a child named "&lt;b&gt;" stays text.
/// </summary>
public sealed record MailContent(string Subject, IReadOnlyList<string> Paragraphs, string LinkText, Uri Link, string CountyName)
{
    public string Text(Uri? unsubscribe)
    {
        var text = new StringBuilder("Guten Tag,\n\n");
        foreach (var paragraph in Paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }

        text.Append(LinkText).Append(": ").Append(Link).Append("\n\nMit freundlichen Grüßen\n").Append(CountyName).Append('\n');
        if (unsubscribe is not null)
        {
            text.Append("\n--\nSie möchten diese Art von E-Mail nicht mehr erhalten? Abbestellen: ").Append(unsubscribe).Append('\n');
        }

        return text.ToString();
    }

    public string Html(Uri? unsubscribe)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"><title>")
            .Append(MailHtml.Encode(Subject)).Append("</title></head><body>\n<p>Guten Tag,</p>\n");
        foreach (var paragraph in Paragraphs)
        {
            html.Append("<p>").Append(MailHtml.Encode(paragraph)).Append("</p>\n");
        }

        html.Append("<p><a href=\"").Append(MailHtml.Encode(Link.AbsoluteUri)).Append("\">").Append(MailHtml.Encode(LinkText)).Append("</a></p>\n")
            .Append("<p>Mit freundlichen Grüßen<br>").Append(MailHtml.Encode(CountyName)).Append("</p>\n");
        if (unsubscribe is not null)
        {
            html.Append("<p style=\"font-size:small\">Sie möchten diese Art von E-Mail nicht mehr erhalten? <a href=\"")
                .Append(MailHtml.Encode(unsubscribe.AbsoluteUri)).Append("\">Abbestellen</a></p>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }
}
