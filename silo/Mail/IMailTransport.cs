using System.Net;
using MimeKit;

namespace WebKita.Silo.Mail;

/// <summary>Hands one message to a relay. Throws <see cref="MailRefusedException"/> when the relay refuses it for good.</summary>
public interface IMailTransport
{
    Task SendAsync(TenantMailSettings settings, NetworkCredential? credentials, MimeMessage message, CancellationToken cancellationToken);
}
