using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Registration;

/// <summary>What an offering's mailbox takes. Each is decided in turn order by the pure grain code.</summary>
public abstract record OfferingCommand;

public sealed record CreateOffering(OfferingTerms Terms) : OfferingCommand;

public sealed record ChangeOfferingTerms(OfferingTerms Terms) : OfferingCommand;

/// <param name="IdempotencyKey">The client's key; a later request with it finds this application.</param>
public sealed record SubmitApplication(Child Child, string? IdempotencyKey) : OfferingCommand;

public sealed record WithdrawApplication(Guid ApplicationId) : OfferingCommand;

/// <summary>Sent by a fired reminder at an edge of the registration window.</summary>
public sealed record AdvanceRegistrationPhase(Reminder Fired) : OfferingCommand;
