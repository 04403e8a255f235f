using System.Globalization;
using System.Net;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace WebKita.Silo.Mail;

/// <summary>
/// MailKit over one connection per message: mail is rare (a few per status change), and a fresh
/// connection needs no keep-alive or reconnect logic and sees a changed relay setting at once.
/// </summary>
public sealed class SmtpMailTransport : IMailTransport
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task SendAsync(TenantMailSettings settings, NetworkCredential? credentials, MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
            if (credentials is not null)
            {
                await client.AuthenticateAsync(credentials, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            throw new MailRefusedException(
                string.Create(CultureInfo.InvariantCulture, $"{(int)e.StatusCode} {e.ErrorCode}: {e.Message}"), e);
        }
        catch (AuthenticationException e)
        {
            // A wrong password stays wrong, but an operator may fix it within the retries; the message never names the credentials.
            throw new ServiceNotAuthenticatedException("The relay refused the login: " + e.Message, e);
        }
    }
}
