namespace WebKita.Mqtt.Connecting;

/// <summary>How a lost connection is re-established: exponential backoff with jitter (<see cref="ReconnectBackoff"/>).</summary>
public sealed record MqttReconnectOptions
{
    public bool Enabled { get; init; } = true;

    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaximumDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Fixes the jitter, to replay a run; null draws a seed.</summary>
    public int? JitterSeed { get; init; }
}
