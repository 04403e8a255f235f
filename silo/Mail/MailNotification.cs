using WebKita.Grains.Common;

namespace WebKita.Silo.Mail;

/// <summary>
/// One mail to one person, rendered when its event was handed over and stored until sent. Its
/// <see cref="Id"/> comes from the event and recipient, so the event handed over twice makes no
/// second notification; <see cref="MessageId"/> comes from the id, so a mail sent twice (a crash
/// between sending and recording it) reaches the receiver under the same Message-Id.
/// </summary>
public sealed record MailNotification(
    TenantId Tenant, Guid Id, MailTopic Topic, Guid AccountId, string To, string Subject, string Text, string Html,
    string MessageId, Uri? Unsubscribe, DateTimeOffset CreatedAt,
    string Status, int Attempts, DateTimeOffset? LastAttemptAt, string? LastError)
{
    /// <summary>About two hours of trying (1, 2, 4 … 64 minutes) before a transient failure is given up.</summary>
    public const int MaxAttempts = 8;
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Dead = "dead";

    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Pow(2, attempts - 1));

    public static Guid IdFor(string occasion, Guid accountId) => DeterministicId.From($"mail/{occasion}/{accountId:N}");

    /// <summary>Rows are listed under their status, so admins find the dead ones without reading every mail ever sent.</summary>
    public static Guid StatusParent(string status) => DeterministicId.From($"mail-status/{status}");

    public MailNotification Delivered(DateTimeOffset now) => this with { Status = Sent, Attempts = Attempts + 1, LastAttemptAt = now, LastError = null };

    /// <summary>A permanent refusal (the relay's 5xx) is dead at once; anything else is tried again until <see cref="MaxAttempts"/>.</summary>
    public MailNotification Failed(DateTimeOffset now, string error, bool permanent) =>
        this with { Status = permanent || Attempts + 1 >= MaxAttempts ? Dead : Pending, Attempts = Attempts + 1, LastAttemptAt = now, LastError = error };
}
