using WebKita.Grains.Rounds;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Rounds;

/// <summary>What a round's mailbox takes; decided in turn order by the pure round.</summary>
public abstract record RoundCommand
{
    /// <summary>Who asked; null for the system (reminders, demo data).</summary>
    public Actor? By { get; init; }

    /// <summary>Why, for the audit log: required for overrides, rejections and capacity changes.</summary>
    public string? Reason { get; init; }
}

public sealed record CreateRound(RoundTerms Terms) : RoundCommand;

/// <param name="IdempotencyKey">The client's key; a later request with it finds this application.</param>
public sealed record SubmitRankedApplication(ApplicationForm Form, string? IdempotencyKey) : RoundCommand;

/// <summary>A command about one application of the round.</summary>
public abstract record ApplicationCommand(Guid ApplicationId) : RoundCommand;

public sealed record AcceptOffer(Guid ApplicationId) : ApplicationCommand(ApplicationId);

public sealed record DeclineOffer(Guid ApplicationId) : ApplicationCommand(ApplicationId);

public sealed record WithdrawRankedApplication(Guid ApplicationId) : ApplicationCommand(ApplicationId);

/// <summary>The family's account is being deleted: a waiting application is withdrawn, then the child's data erased. Refused while it holds a place.</summary>
public sealed record EraseRankedApplication(Guid ApplicationId) : ApplicationCommand(ApplicationId);

public sealed record ConfirmPlace(Guid ApplicationId) : ApplicationCommand(ApplicationId);

public sealed record RejectApplication(Guid ApplicationId) : ApplicationCommand(ApplicationId);

public sealed record VerifyEvidence(Guid ApplicationId, EvidenceItem Item) : ApplicationCommand(ApplicationId);

public sealed record MoveOnWaitlist(Guid ApplicationId, Guid OfferingId, int Position) : ApplicationCommand(ApplicationId);

public sealed record ChangeRoundCapacity(Guid OfferingId, int Capacity) : RoundCommand;

/// <summary>Sent by the deadline reminder: runs the allocation once and publishes it.</summary>
public sealed record RunAllocation(Reminder Fired) : RoundCommand;

/// <summary>Sent by the offer-expiry reminder: every offer past its deadline frees its place.</summary>
public sealed record ExpireOffers(Reminder Fired) : RoundCommand;
