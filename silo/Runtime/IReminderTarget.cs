using WebKita.Silo.Storage;

namespace WebKita.Silo.Runtime;

/// <summary>
/// The grains of one kind that take durable reminders. A target must delete the reminder in the
/// transaction that commits the effect of firing it (<see cref="ChangeSet.RemindersFired"/>), so
/// it fires once across all processes.
/// </summary>
public interface IReminderTarget
{
    /// <summary>The <see cref="GrainKinds"/> name of the grains this target wakes.</summary>
    string ReminderKind { get; }

    Task FireAsync(Reminder reminder, CancellationToken cancellationToken);
}
