namespace WebKita.Grains.Common;

/// <summary>
/// Something that happened to a grain, written to the outbox in the same transaction as the
/// state change and dispatched after commit. <paramref name="Type"/> is stable for consumers.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.DomainEvent")]
public sealed record DomainEvent(string Type, Guid GrainId, DateTimeOffset OccurredAt, IReadOnlyDictionary<string, string> Data);
