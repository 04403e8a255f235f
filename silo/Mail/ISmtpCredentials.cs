using System.Net;
using WebKita.Grains.Common;

namespace WebKita.Silo.Mail;

/// <summary>The login at a tenant's relay, or null to send without one. Never logged, never stored.</summary>
public interface ISmtpCredentials
{
    NetworkCredential? For(TenantId tenant);
}
