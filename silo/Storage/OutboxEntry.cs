namespace WebKita.Silo.Storage;

/// <summary>An event written with the state change that caused it; <see cref="Sequence"/> is set by the store.</summary>
public sealed record OutboxEntry(string Tenant, string Type, Guid GrainId, DateTimeOffset OccurredAt, string Payload, long Sequence = 0);
