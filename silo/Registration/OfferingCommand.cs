using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Registration;

/// <summary>What an offering's mailbox takes. Each is decided in turn order by the pure grain code.</summary>
[GenerateSerializer, Immutable, Alias("webkita.OfferingCommand")]
public abstract record OfferingCommand
{
    /// <summary>Who asked; null for the system itself (reminders, demo data).</summary>
    [Id(0)]
    public Actor? By { get; init; }

    /// <summary>Why, for the audit log; staff give one when they override or change capacity.</summary>
    [Id(1)]
    public string? Reason { get; init; }
}

[GenerateSerializer, Immutable, Alias("webkita.CreateOffering")]
public sealed record CreateOffering(OfferingTerms Terms) : OfferingCommand;

[GenerateSerializer, Immutable, Alias("webkita.ChangeOfferingTerms")]
public sealed record ChangeOfferingTerms(OfferingTerms Terms) : OfferingCommand;

/// <param name="IdempotencyKey">The client's key; a later request with it finds this application.</param>
/// <param name="FamilyId">The family account the application belongs to, if any.</param>
[GenerateSerializer, Immutable, Alias("webkita.SubmitApplication")]
public sealed record SubmitApplication(Child Child, string? IdempotencyKey, Guid? FamilyId = null) : OfferingCommand;

/// <summary>A decision about one application of the offering; who may ask is checked in the offering's turn.</summary>
[GenerateSerializer, Immutable, Alias("webkita.ApplicationDecision")]
public abstract record ApplicationDecision(Guid ApplicationId) : OfferingCommand;

[GenerateSerializer, Immutable, Alias("webkita.WithdrawApplication")]
public sealed record WithdrawApplication(Guid ApplicationId) : ApplicationDecision(ApplicationId);

/// <summary>The family (or staff for a paper application) takes the offered place.</summary>
[GenerateSerializer, Immutable, Alias("webkita.AcceptOfferedPlace")]
public sealed record AcceptOfferedPlace(Guid ApplicationId) : ApplicationDecision(ApplicationId);

/// <summary>The family (or staff for a paper application) turns the offered place down; it goes to the next in line.</summary>
[GenerateSerializer, Immutable, Alias("webkita.DeclineOfferedPlace")]
public sealed record DeclineOfferedPlace(Guid ApplicationId) : ApplicationDecision(ApplicationId);

/// <summary>Staff confirm an accepted place: now a contract.</summary>
[GenerateSerializer, Immutable, Alias("webkita.ConfirmAcceptedPlace")]
public sealed record ConfirmAcceptedPlace(Guid ApplicationId) : ApplicationDecision(ApplicationId);

/// <summary>Staff reject an application; <see cref="OfferingCommand.Reason"/> is required, shown to the family and audited.</summary>
[GenerateSerializer, Immutable, Alias("webkita.RejectApplicationAtOffering")]
public sealed record RejectApplicationAtOffering(Guid ApplicationId) : ApplicationDecision(ApplicationId);

/// <summary>For a family's account deletion: withdraws the application if it still waits, then erases the child's data.</summary>
[GenerateSerializer, Immutable, Alias("webkita.EraseApplication")]
public sealed record EraseApplication(Guid ApplicationId) : OfferingCommand;

/// <summary>Sent by the offer-expiry reminder: every offer past its deadline frees its place, which goes to the next in line.</summary>
[GenerateSerializer, Immutable, Alias("webkita.ExpireOfferedPlaces")]
public sealed record ExpireOfferedPlaces(Reminder Fired) : OfferingCommand;

/// <summary>Sent by a fired reminder at an edge of the registration window.</summary>
[GenerateSerializer, Immutable, Alias("webkita.AdvanceRegistrationPhase")]
public sealed record AdvanceRegistrationPhase(Reminder Fired) : OfferingCommand;
