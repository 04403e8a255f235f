namespace WebKita.Silo.Storage;

/// <summary>
/// One staff or admin action, kept append-only: who (account and role), when, what was done to
/// which grain, and why. Written in the transaction of the change itself, so no change goes
/// unrecorded and no record describes a change that did not happen.
/// </summary>
public sealed record AuditEntry(
    string Tenant,
    Guid ActorId,
    string ActorRole,
    string Action,
    string SubjectKind,
    Guid SubjectId,
    string? Reason,
    DateTimeOffset At,
    string Details,
    long Sequence = 0);
