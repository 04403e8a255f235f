using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace WebKita.Silo.Mail;

/// <summary>
/// HTML-encodes what people typed: markup characters become entities, German letters stay letters
/// (an "ü" as &amp;#252; is valid but makes every mail's source unreadable).
/// </summary>
public static class MailHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string text) => Encoder.Encode(text);
}
