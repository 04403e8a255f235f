using MimeKit;
using MimeKit.Text;

namespace WebKita.Silo.Mail;

/// <summary>
/// The MIME message of a notification. Everything in it comes from the stored notification,
/// including the Date, so a mail sent again is the same mail: same Message-Id, same bytes of text.
/// </summary>
public static class MailMessages
{
    public static MimeMessage Build(MailNotification notification, TenantMailSettings settings)
    {
        var message = new MimeMessage
        {
            MessageId = notification.MessageId,
            Date = notification.CreatedAt,
            Subject = notification.Subject,
        };
        message.From.Add(new MailboxAddress(settings.CountyName, settings.Sender));
        message.To.Add(MailboxAddress.Parse(notification.To));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (notification.Unsubscribe is { } unsubscribe)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe.AbsoluteUri}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        message.Body = new MultipartAlternative
        {
            new TextPart(TextFormat.Plain) { Text = notification.Text },
            new TextPart(TextFormat.Html) { Text = notification.Html },
        };
        return message;
    }
}
