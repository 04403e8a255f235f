using System.Threading.Channels;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Api.Tests.Support;

/// <summary>An outbox subscriber that hands the test every committed event of one type. Thread-safe.</summary>
public sealed class OutboxRecorder(string type) : IOutboxSubscriber
{
    private readonly Channel<OutboxEntry> _entries = Channel.CreateUnbounded<OutboxEntry>();

    public Task DeliverAsync(OutboxEntry entry, CancellationToken cancellationToken) =>
        entry.Type == type ? _entries.Writer.WriteAsync(entry, cancellationToken).AsTask() : Task.CompletedTask;

    /// <summary>The next event of the type; fails the test when none comes within 30 seconds.</summary>
    public async Task<OutboxEntry> NextAsync() => await _entries.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
}
