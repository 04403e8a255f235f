using WebKita.Grains.Rounds;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Rounds;

/// <summary>What a round's mailbox takes; decided in turn order by the pure round.</summary>
[GenerateSerializer, Immutable, Alias("webkita.RoundCommand")]
public abstract record RoundCommand
{
    /// <summary>Who asked; null for the system (reminders, demo data).</summary>
    [Id(0)]
    public Actor? By { get; init; }

    /// <summary>Why, for the audit log: required for overrides, rejections and capacity changes.</summary>
    [Id(1)]
    public string? Reason { get; init; }
}

[GenerateSerializer, Immutable, Alias("webkita.CreateRound")]
public sealed record CreateRound(RoundTerms Terms) : RoundCommand;

/// <param name="IdempotencyKey">The client's key; a later request with it finds this application.</param>
[GenerateSerializer, Immutable, Alias("webkita.SubmitRankedApplication")]
public sealed record SubmitRankedApplication(ApplicationForm Form, string? IdempotencyKey) : RoundCommand;

/// <summary>A command about one application of the round.</summary>
[GenerateSerializer, Immutable, Alias("webkita.ApplicationCommand")]
public abstract record ApplicationCommand(Guid ApplicationId) : RoundCommand;

[GenerateSerializer, Immutable, Alias("webkita.AcceptOffer")]
public sealed record AcceptOffer(Guid ApplicationId) : ApplicationCommand(ApplicationId);

[GenerateSerializer, Immutable, Alias("webkita.DeclineOffer")]
public sealed record DeclineOffer(Guid ApplicationId) : ApplicationCommand(ApplicationId);

[GenerateSerializer, Immutable, Alias("webkita.WithdrawRankedApplication")]
public sealed record WithdrawRankedApplication(Guid ApplicationId) : ApplicationCommand(ApplicationId);

/// <summary>The family's account is being deleted: a waiting application is withdrawn, then the child's data erased. Refused while it holds a place.</summary>
[GenerateSerializer, Immutable, Alias("webkita.EraseRankedApplication")]
public sealed record EraseRankedApplication(Guid ApplicationId) : ApplicationCommand(ApplicationId);

[GenerateSerializer, Immutable, Alias("webkita.ConfirmPlace")]
public sealed record ConfirmPlace(Guid ApplicationId) : ApplicationCommand(ApplicationId);

[GenerateSerializer, Immutable, Alias("webkita.RejectApplication")]
public sealed record RejectApplication(Guid ApplicationId) : ApplicationCommand(ApplicationId);

[GenerateSerializer, Immutable, Alias("webkita.VerifyEvidence")]
public sealed record VerifyEvidence(Guid ApplicationId, EvidenceItem Item) : ApplicationCommand(ApplicationId);

[GenerateSerializer, Immutable, Alias("webkita.MoveOnWaitlist")]
public sealed record MoveOnWaitlist(Guid ApplicationId, Guid OfferingId, int Position) : ApplicationCommand(ApplicationId);

[GenerateSerializer, Immutable, Alias("webkita.ChangeRoundCapacity")]
public sealed record ChangeRoundCapacity(Guid OfferingId, int Capacity) : RoundCommand;

/// <summary>Sent by the deadline reminder: runs the allocation once and publishes it.</summary>
[GenerateSerializer, Immutable, Alias("webkita.RunAllocation")]
public sealed record RunAllocation(Reminder Fired) : RoundCommand;

/// <summary>Sent by the offer-expiry reminder: every offer past its deadline frees its place.</summary>
[GenerateSerializer, Immutable, Alias("webkita.ExpireOffers")]
public sealed record ExpireOffers(Reminder Fired) : RoundCommand;
