namespace WebKita.Silo.Storage;

/// <summary>
/// Everything one turn decided, committed atomically: grain states (each checked against the
/// version it was read at), outbox events, reminders set, and reminders whose firing this is.
/// </summary>
public sealed record ChangeSet(
    IReadOnlyList<GrainWrite> Writes,
    IReadOnlyList<OutboxEntry> Events,
    IReadOnlyList<Reminder> RemindersSet,
    IReadOnlyList<Reminder> RemindersFired);
