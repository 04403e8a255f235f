using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Runtime;

/// <summary>
/// Delivers committed events to the subscribers, then marks them dispatched. An event whose
/// delivery failed stays pending and is claimed again when its lease lapses: at least once. The
/// events a dispatcher claimed and did not mark before it died are claimed again as soon as the
/// cluster declares it dead (<see cref="IClaimants"/>).
/// While it runs, the events this process commits are born leased to it
/// (<see cref="IGrainStore.LeaseCommittedEvents"/>): it reads them rather than claiming them, which
/// saves an update of every event row, and claims only what others left (unleased, lapsed, or a dead
/// process's). When it stops, it hands back what it did not deliver.
/// </summary>
public sealed partial class OutboxDispatcher(
    IGrainStore store, IEnumerable<IOutboxSubscriber> subscribers, TimeProvider time, SiloOptions options, ILogger<OutboxDispatcher> logger,
    IClaimants claimants)
    : BackgroundService
{
    private const int RoundSize = 500;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly IReadOnlyList<IOutboxSubscriber> _subscribers = [.. subscribers];
    private string? _name;

    /// <summary>Delivers one round of pending events; returns how many were marked dispatched.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimant = claimants.Current();
        var pending = await store.ReadLeasedOutboxAsync(claimant.Name, now, RoundSize, cancellationToken);
        if (pending.Count < RoundSize)
        {
            // Disjoint from what was just read: a claim takes only leases that ran out by the same now.
            var claimed = await store.ClaimOutboxAsync(now, Lease, RoundSize - pending.Count, claimant, cancellationToken);
            pending = [.. pending.Concat(claimed).OrderBy(e => e.Sequence)];
        }

        var delivered = new List<long>(pending.Count);
        var failed = new List<long>();
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
                failed.Add(entry.Sequence);
            }
        }

        if (delivered.Count > 0)
        {
            await store.MarkDispatchedAsync(delivered, time.GetUtcNow(), cancellationToken);
        }

        if (failed.Count > 0)
        {
            // Out of this dispatcher's lease, or it would read them again at once: retried after a lease's time, by whoever claims them then.
            await store.DeferOutboxAsync(failed, now + Lease, cancellationToken);
        }

        return delivered.Count;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // This process's name for as long as it runs: asked once, not at every commit.
        var name = _name = claimants.Current().Name;
        store.LeaseCommittedEvents(() => new OutboxLease(name, time.GetUtcNow() + Lease));
        return base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Stops leasing first: what this process commits while it shuts down is left for the others.
    /// Once its last round has ended, it hands back what it leased or claimed and did not deliver,
    /// so that another process, or this one restarted, delivers it at once rather than after the
    /// lease. Only a commit that took its lease just before this and ends after the hand-back
    /// leaves its events to the lease. A host may stop its services twice; the second stop finds
    /// nothing to hand back and must not reach for a store the host may have disposed by then.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        store.LeaseCommittedEvents(null);
        await base.StopAsync(cancellationToken);
        if (Interlocked.Exchange(ref _name, null) is not { } name)
        {
            return;
        }

        try
        {
            await store.ReleaseOutboxAsync(name, cancellationToken);
        }
        catch (Exception e) when (e is StoreUnavailableException or OperationCanceledException)
        {
            Log.NotHandedBack(logger, e.Message);
        }
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

        [LoggerMessage(Level = LogLevel.Warning, Message = "Undelivered events stay leased to this stopped process until their lease lapses: {Reason}")]
        public static partial void NotHandedBack(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox waits for the store: {Reason}")]
        public static partial void StoreUnavailable(ILogger logger, string reason);
    }
}
