using Microsoft.Extensions.Logging;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Runtime;

/// <summary>
/// The first outbox subscriber: a structured log line per event (type and grain, no personal data).
/// E-mail, live updates and webhooks subscribe the same way in later issues.
/// </summary>
public sealed partial class EventLog(ILogger<EventLog> logger) : IOutboxSubscriber
{
    public Task DeliverAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        Log.Event(logger, entry.Sequence, entry.Tenant, entry.Type, entry.GrainId);
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Event {Sequence} {Tenant} {Type} {GrainId}")]
        public static partial void Event(ILogger logger, long sequence, string tenant, string type, Guid grainId);
    }
}
