namespace WebKita.Silo.Mail;

/// <summary>
/// A mail decided but not yet stored: to whom, about what, and the occasion (an event's sequence,
/// or an offer and its deadline) that makes its id, so the same occasion never mails anyone twice.
/// </summary>
public sealed record MailDraft(string Occasion, MailTopic Topic, Guid AccountId, string To, MailContent Content);
