using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Runtime;

/// <summary>
/// Delivers committed events to the subscribers, then marks them dispatched. An event whose
/// delivery failed stays pending and is claimed again when its lease lapses: at least once. The
/// events a dispatcher claimed and did not mark before it died are claimed again as soon as the
/// cluster declares it dead (<see cref="IClaimants"/>).
/// </summary>
public sealed partial class OutboxDispatcher(
    IGrainStore store, IEnumerable<IOutboxSubscriber> subscribers, TimeProvider time, SiloOptions options, ILogger<OutboxDispatcher> logger,
    IClaimants claimants)
    : BackgroundService
{
    private const int RoundSize = 500;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly IReadOnlyList<IOutboxSubscriber> _subscribers = [.. subscribers];

    /// <summary>Delivers one round of pending events; returns how many were marked dispatched.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await store.ClaimOutboxAsync(time.GetUtcNow(), Lease, RoundSize, claimants.Current(), cancellationToken);
        var delivered = new List<long>(pending.Count);
        foreach (var entry in pending)
        {
            try
            {
                foreach (var subscriber in _subscribers)
                {
                    await subscriber.DeliverAsync(entry, cancellationToken);
                }

                delivered.Add(entry.Sequence);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Log.DeliveryFailed(logger, entry.Sequence, entry.Type, e);
            }
        }

        if (delivered.Count > 0)
        {
            await store.MarkDispatchedAsync(delivered, time.GetUtcNow(), cancellationToken);
        }

        return delivered.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.OutboxPollInterval, time);
        do
        {
            try
            {
                // Keep going while rounds come back full; otherwise wait for the next tick, so a
                // trickle of events does not cost a claim and an update per event.
                while (await DispatchPendingAsync(stoppingToken) == RoundSize)
                {
                }
            }
            catch (StoreUnavailableException e)
            {
                Log.StoreUnavailable(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Event {Sequence} ({Type}) was not delivered; it is retried after its lease")]
        public static partial void DeliveryFailed(ILogger logger, long sequence, string type, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox waits for the store: {Reason}")]
        public static partial void StoreUnavailable(ILogger logger, string reason);
    }
}
