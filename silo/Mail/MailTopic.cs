namespace WebKita.Silo.Mail;

/// <summary>What a mail is about; part of stored notifications and preferences, never rename.</summary>
public enum MailTopic
{
    /// <summary>A place is offered, with its deadline. Always sent: missing it loses the place.</summary>
    Offer,

    /// <summary>48 hours before an unanswered offer expires. Optional.</summary>
    OfferReminder,

    /// <summary>The place is confirmed (a contract). Always sent.</summary>
    Confirmed,

    /// <summary>The application is rejected, with the reason. Always sent.</summary>
    Rejected,

    /// <summary>The child moved up a waitlist. Optional.</summary>
    WaitlistMovedUp,

    /// <summary>A ticket needs the facility manager. Filtered by severity.</summary>
    Ticket,

    /// <summary>An alarm in one of the manager's buildings. Filtered by severity.</summary>
    Alarm,

    /// <summary>A ticket or alarm went unanswered and escalation started. Filtered by severity.</summary>
    Escalation,

    /// <summary>Someone registered again with the address of an existing account. Always sent: only the owner learns of it.</summary>
    AccountExists,
}
