using System.Net;
using WebKita.Grains.Common;

namespace WebKita.Silo.Mail;

/// <summary>
/// Reads <c>WEBKITA_SMTP_{TENANT}_USER</c> and <c>WEBKITA_SMTP_{TENANT}_PASSWORD</c> (tenant in
/// capitals, '-' as '_'), so credentials live only in the process environment.
/// </summary>
public sealed class EnvironmentSmtpCredentials : ISmtpCredentials
{
    public NetworkCredential? For(TenantId tenant)
    {
        var prefix = "WEBKITA_SMTP_" + tenant.Value.ToUpperInvariant().Replace('-', '_');
        var user = Environment.GetEnvironmentVariable(prefix + "_USER");
        return string.IsNullOrEmpty(user) ? null : new NetworkCredential(user, Environment.GetEnvironmentVariable(prefix + "_PASSWORD") ?? "");
    }
}
