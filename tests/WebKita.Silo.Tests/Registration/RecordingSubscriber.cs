using System.Collections.Concurrent;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Tests.Registration;

/// <summary>Records what the outbox delivered; while <see cref="Failing"/> it throws instead.</summary>
internal sealed class RecordingSubscriber : IOutboxSubscriber
{
    private readonly ConcurrentQueue<OutboxEntry> _delivered = new();

    public bool Failing { get; set; }

    public IReadOnlyList<OutboxEntry> Delivered => [.. _delivered];

    public Task DeliverAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            throw new InvalidOperationException($"Subscriber down; event {entry.Sequence} not taken.");
        }

        _delivered.Enqueue(entry);
        return Task.CompletedTask;
    }
}
