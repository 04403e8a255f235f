namespace WebKita.Silo.Mail;

public static class MailTopics
{
    /// <summary>Topics a family may switch off; the rest decide about its place and always go out.</summary>
    public static readonly IReadOnlyList<MailTopic> OptionalForFamilies = [MailTopic.OfferReminder, MailTopic.WaitlistMovedUp];

    /// <summary>A facility manager's alerts: chosen by severity, or all switched off.</summary>
    public static readonly IReadOnlyList<MailTopic> Alerts = [MailTopic.Ticket, MailTopic.Alarm, MailTopic.Escalation];

    public static bool IsOptional(this MailTopic topic) => OptionalForFamilies.Contains(topic) || Alerts.Contains(topic);
}
