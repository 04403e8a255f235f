namespace WebKita.Silo.Mail;

/// <summary>How one county sends mail: its relay, and the name and address its families see as sender.</summary>
public sealed class TenantMailSettings
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>Require STARTTLS before anything else is said (the default); off only for a relay on the same host or in tests.</summary>
    public bool StartTls { get; set; } = true;

    /// <summary>The sender address; its domain also names every Message-Id.</summary>
    public string Sender { get; set; } = "";

    /// <summary>The county's name as mails show it ("Main-Taunus-Kreis").</summary>
    public string CountyName { get; set; } = "";

    public string SenderDomain => Sender[(Sender.LastIndexOf('@') + 1)..];
}
