namespace WebKita.Silo.Mail;

/// <summary>The grain kinds of mail, beside <see cref="Runtime.GrainKinds"/>; part of the schema, never rename.</summary>
public static class MailKinds
{
    public const string Notification = "mail";
    public const string Preferences = "mail-preferences";
    public const string OfferReminder = "mail-offer-reminder";
    public const string WaitlistPositions = "mail-waitlist";
}
