namespace WebKita.Silo.Storage;

/// <summary>
/// Everything one turn decided, committed atomically: grain states (each checked against the
/// version it was read at), outbox events, reminders set, reminders whose firing this is, the audit record of the action,
/// and the message id chunks of the devices written.
/// </summary>
public sealed record ChangeSet(
    IReadOnlyList<GrainWrite> Writes,
    IReadOnlyList<OutboxEntry> Events,
    IReadOnlyList<Reminder> RemindersSet,
    IReadOnlyList<Reminder> RemindersFired,
    IReadOnlyList<AuditEntry>? Audit = null,
    IReadOnlyList<MessageIdChunk>? MessageIds = null);
