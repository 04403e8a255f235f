using System.Globalization;
using WebKita.Grains.Common;

namespace WebKita.Silo.Mail;

/// <summary>
/// Links in mails point to pages by stable paths under <see cref="MailOptions.BaseUrl"/>; the page
/// asks the reader to sign in. Only the unsubscribe link works without signing in (it is signed).
/// </summary>
public sealed class MailLinks(MailOptions options)
{
    public const string Applications = "/anmeldungen";
    public const string Alarms = "/alarme";
    public const string SignIn = "/anmelden";

    private readonly string _base = options.BaseUrl.TrimEnd('/');

    public Uri ApplicationsPage() => new(_base + Applications);

    public Uri Ticket(int number) => new(_base + "/tickets/" + number.ToString(CultureInfo.InvariantCulture));

    public Uri AlarmsPage() => new(_base + Alarms);

    public Uri SignInPage() => new(_base + SignIn);

    /// <summary>The api's unsubscribe endpoint: GET shows what the link switches off, POST (one click, RFC 8058) does it.</summary>
    public Uri Unsubscribe(TenantId tenant, string token) =>
        new($"{_base}/api/v1/tenants/{Uri.EscapeDataString(tenant.Value)}/mail/unsubscribe?token={Uri.EscapeDataString(token)}");
}
