using WebKita.Silo.Storage;

namespace WebKita.Silo.Runtime;

/// <summary>
/// Receives committed events, at least once and in sequence order per dispatch round; must be
/// idempotent (use <see cref="OutboxEntry.Sequence"/> to recognise repeats).
/// </summary>
public interface IOutboxSubscriber
{
    Task DeliverAsync(OutboxEntry entry, CancellationToken cancellationToken);
}
