using WebKita.Grains.Defects;
using WebKita.Silo.Mail;

namespace WebKita.Api.Mail;

/// <param name="Off">Optional topics switched off.</param>
/// <param name="AlertsFrom">Facility managers: the least severity that mails them.</param>
/// <param name="Optional">The topics that can be switched off; the others always go out.</param>
public sealed record MailPreferencesResponse(IReadOnlyList<MailTopic> Off, Severity AlertsFrom, IReadOnlyList<MailTopic> Optional)
{
    public static MailPreferencesResponse From(MailPreferences preferences) =>
        new([.. preferences.Off], preferences.AlertsFrom, [.. Enum.GetValues<MailTopic>().Where(t => t.IsOptional())]);
}

public sealed record MailPreferencesRequest(IReadOnlyList<MailTopic>? Off, Severity? AlertsFrom);

/// <summary>A mail given up: to whom, about what, and why. The text itself is not shown: it is the family's.</summary>
public sealed record DeadMailResponse(
    Guid Id, MailTopic Topic, string To, string Subject, string MessageId, DateTimeOffset CreatedAt, int Attempts, DateTimeOffset? LastAttemptAt, string? LastError)
{
    public static DeadMailResponse From(MailNotification n) =>
        new(n.Id, n.Topic, n.To, n.Subject, n.MessageId, n.CreatedAt, n.Attempts, n.LastAttemptAt, n.LastError);
}
