namespace WebKita.Mqtt.Connecting;

/// <summary>How a lost connection is re-established: exponential backoff with jitter (<see cref="ReconnectBackoff"/>).</summary>
public sealed record MqttReconnectOptions
{
    public bool Enabled { get; init; } = true;

    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaximumDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Awaited before every reconnect attempt, after the backoff. A gateway waits here until it
    /// holds its session's lease again, so a standby that took the session over is not kicked out
    /// by the one it replaced (the broker hands a client id's session to whoever connected last).
    /// </summary>
    public Func<CancellationToken, Task>? BeforeAttempt { get; init; }

    /// <summary>Fixes the jitter, to replay a run; null draws a seed.</summary>
    public int? JitterSeed { get; init; }
}
