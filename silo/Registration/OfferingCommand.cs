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

/// <summary>A decision about one application of the offering; who may ask is checked in the offering's turn.</summary>
public abstract record ApplicationDecision(Guid ApplicationId) : OfferingCommand;

public sealed record WithdrawApplication(Guid ApplicationId) : ApplicationDecision(ApplicationId);

/// <summary>The family (or staff for a paper application) takes the offered place.</summary>
public sealed record AcceptOfferedPlace(Guid ApplicationId) : ApplicationDecision(ApplicationId);

/// <summary>The family (or staff for a paper application) turns the offered place down; it goes to the next in line.</summary>
public sealed record DeclineOfferedPlace(Guid ApplicationId) : ApplicationDecision(ApplicationId);

/// <summary>Staff confirm an accepted place: now a contract.</summary>
public sealed record ConfirmAcceptedPlace(Guid ApplicationId) : ApplicationDecision(ApplicationId);

/// <summary>Staff reject an application; <see cref="OfferingCommand.Reason"/> is required, shown to the family and audited.</summary>
public sealed record RejectApplicationAtOffering(Guid ApplicationId) : ApplicationDecision(ApplicationId);

/// <summary>For a family's account deletion: withdraws the application if it still waits, then erases the child's data.</summary>
public sealed record EraseApplication(Guid ApplicationId) : OfferingCommand;

/// <summary>Sent by the offer-expiry reminder: every offer past its deadline frees its place, which goes to the next in line.</summary>
public sealed record ExpireOfferedPlaces(Reminder Fired) : OfferingCommand;

/// <summary>Sent by a fired reminder at an edge of the registration window.</summary>
public sealed record AdvanceRegistrationPhase(Reminder Fired) : OfferingCommand;
