using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Registration;

/// <summary>What an offering's mailbox takes. Each is decided in turn order by the pure grain code.</summary>
public abstract record OfferingCommand
{
    /// <summary>Who asked; null for the system itself (reminders, demo data).</summary>
    public Actor? By { get; init; }

    /// <summary>Why, for the audit log; staff give one when they override or change capacity.</summary>
    public string? Reason { get; init; }
}

public sealed record CreateOffering(OfferingTerms Terms) : OfferingCommand;

public sealed record ChangeOfferingTerms(OfferingTerms Terms) : OfferingCommand;

/// <param name="IdempotencyKey">The client's key; a later request with it finds this application.</param>
/// <param name="FamilyId">The family account the application belongs to, if any.</param>
public sealed record SubmitApplication(Child Child, string? IdempotencyKey, Guid? FamilyId = null) : OfferingCommand;

public sealed record WithdrawApplication(Guid ApplicationId) : OfferingCommand;

/// <summary>For a family's account deletion: withdraws the application if it still waits, then erases the child's data.</summary>
public sealed record EraseApplication(Guid ApplicationId) : OfferingCommand;

/// <summary>Sent by a fired reminder at an edge of the registration window.</summary>
public sealed record AdvanceRegistrationPhase(Reminder Fired) : OfferingCommand;
