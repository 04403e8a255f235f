namespace WebKita.Mqtt.Connecting;

/// <summary>Where and how <see cref="MqttSessionClient"/> connects (MQTT 5 over TCP).</summary>
public sealed record MqttConnectionOptions
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    public required string ClientId { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>
    /// False together with a non-zero <see cref="SessionExpiryInterval"/> keeps the session, and the
    /// messages queued for it, across disconnections. Reconnects never start clean: the session is
    /// what they come back for.
    /// </summary>
    public bool CleanStart { get; init; } = true;

    /// <summary>Seconds the broker keeps the session after the connection ends.</summary>
    public uint SessionExpiryInterval { get; init; }

    /// <summary>
    /// Announced to the broker, and the watchdog's: a ping after half an interval without a word
    /// from the broker, and a connection that stays silent for a whole interval is declared lost.
    /// </summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most QoS 1/2 messages held unacknowledged at once; announced to the broker and enforced here.</summary>
    public ushort ReceiveMaximum { get; init; } = ushort.MaxValue;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public MqttReconnectOptions Reconnect { get; init; } = new();
}
