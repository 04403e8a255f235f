namespace WebKita.Silo.Mail;

/// <summary>
/// The "Mail" configuration section. SMTP user names and passwords are deliberately not here:
/// they come only from the environment (<see cref="EnvironmentSmtpCredentials"/>), so no settings
/// file or configuration dump ever holds them.
/// </summary>
public sealed class MailOptions
{
    /// <summary>Where the pages live; every link in a mail starts here (no trailing slash needed).</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// Signs unsubscribe links (HMAC-SHA256). Must be the same in every process and survive restarts,
    /// so set it from the environment (<c>Mail__UnsubscribeKey</c>); without it links stop working at restart.
    /// </summary>
    public string? UnsubscribeKey { get; set; }

    /// <summary>SMTP settings per tenant; a tenant without an entry sends no mail.</summary>
    public Dictionary<string, TenantMailSettings> Tenants { get; set; } = new(StringComparer.Ordinal);
}
