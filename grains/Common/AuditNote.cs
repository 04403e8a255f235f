namespace WebKita.Grains.Common;

/// <summary>
/// One audited change, kept in the grain's state until the audit log holds it, so that a crash
/// between the grain's write and the audit log's loses nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.AuditNote")]
public sealed record AuditNote(Guid ActorId, string ActorRole, string Action, string SubjectKind, Guid SubjectId, string? Reason, DateTimeOffset At);
