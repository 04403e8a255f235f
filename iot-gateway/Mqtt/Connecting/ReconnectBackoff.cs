namespace WebKita.Mqtt.Connecting;

/// <summary>
/// Exponential backoff with "equal jitter": attempt n waits between half and all of
/// min(maximum, initial·2ⁿ), so gateways that lost the same broker do not return in lockstep.
/// Thread-safe.
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly MqttReconnectOptions _options;
    private readonly Random _random;
    private readonly Lock _gate = new();

    public ReconnectBackoff(MqttReconnectOptions options)
    {
        _options = options;
        Seed = options.JitterSeed ?? Random.Shared.Next();
        _random = new Random(Seed);
    }

    public int Seed { get; }

    public TimeSpan DelayFor(int attempt)
    {
        var ceiling = _options.InitialDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        ceiling = Math.Min(ceiling, _options.MaximumDelay.TotalMilliseconds);
        double fraction;
        lock (_gate)
        {
            fraction = _random.NextDouble();
        }

        return TimeSpan.FromMilliseconds((ceiling / 2) + (fraction * ceiling / 2));
    }
}
