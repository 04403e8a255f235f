using System.Collections.Concurrent;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Tests.Registration;

/// <summary>Records what the outbox delivered; while <see cref="Failing"/> it throws instead.</summary>
internal sealed class RecordingSubscriber : IOutboxSubscriber
{
    private readonly ConcurrentQueue<OutboxEntry> _delivered = new();
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Failing { get; set; }

    public IReadOnlyList<OutboxEntry> Delivered => [.. _delivered];

    /// <summary>Completes when the first event has been delivered.</summary>
    public Task FirstDelivery => _first.Task;

    public Task DeliverAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            throw new InvalidOperationException($"Subscriber down; event {entry.Sequence} not taken.");
        }

        _delivered.Enqueue(entry);
        _first.TrySetResult();
        return Task.CompletedTask;
    }
}
