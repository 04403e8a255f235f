namespace WebKita.Mqtt.Connecting;

public sealed record MqttReconnectOptions
{
    public bool Enabled { get; init; } = true;

    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaximumDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Seed of the jitter; null picks one, which <see cref="ReconnectBackoff.Seed"/> reports so a run can be replayed.</summary>
    public int? JitterSeed { get; init; }
}
