namespace WebKita.IotGateway.Ingestion;

/// <summary>What this gateway process did, for the log line at shutdown and for tests. Thread-safe.</summary>
public sealed class IngestionCounters
{
    private long _handled;
    private long _accepted;
    private long _deadLettered;
    private long _retries;

    /// <summary>Messages whose handling finished (effect or dead letter committed, acknowledged).</summary>
    public long Handled => Interlocked.Read(ref _handled);

    public long Accepted => Interlocked.Read(ref _accepted);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Attempts that failed on the store and were retried.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    internal void CountAccepted()
    {
        Interlocked.Increment(ref _accepted);
        Interlocked.Increment(ref _handled);
    }

    internal void CountDeadLetter()
    {
        Interlocked.Increment(ref _deadLettered);
        Interlocked.Increment(ref _handled);
    }

    internal void CountRetry() => Interlocked.Increment(ref _retries);

    public override string ToString() => $"handled {Handled}, accepted {Accepted}, dead-lettered {DeadLettered}, retries {Retries}";
}
