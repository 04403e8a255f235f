namespace WebKita.IotGateway.Ingestion;

/// <summary>The "Ingestion" configuration section: how the gateway takes messages from the broker.</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>
    /// The gateway's MQTT client id. Keep it stable per gateway instance: the broker keeps the
    /// session (and the messages not yet acknowledged) under this id while the process is down.
    /// </summary>
    public string ClientId { get; set; } = $"webkita-gateway-{Environment.MachineName}";

    /// <summary>
    /// How long a gateway's hold on the session lasts unless renewed (every third of it). Gateways
    /// that share <see cref="ClientId"/> take over from each other: at once when the holder stops,
    /// after this long when it dies.
    /// </summary>
    public TimeSpan SessionLease { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How long the broker keeps the session of a gateway that is away, in seconds.</summary>
    public uint SessionExpirySeconds { get; set; } = 14 * 24 * 3600;

    /// <summary>
    /// Most unacknowledged messages the broker may have with this gateway (MQTT Receive Maximum).
    /// The wider the window, the more each commit carries: on the 2-core bench (bench/run ingest)
    /// 1,000 committed 19k msg/s, 8,000 25k, 32,000 31k. It bounds memory too: 32,000 telemetry
    /// messages of ~200 bytes are a few MB, of the largest payload (16 KiB) 500 MiB. Redelivery
    /// stays exact at any width (<see cref="RedeliveryGuard"/>).
    /// </summary>
    public ushort ReceiveMaximum { get; set; } = 32_000;

    /// <summary>
    /// Messages in hand at once, across devices; a device's own messages are handled one after
    /// another. Above the Receive Maximum it adds nothing, since the broker sends no more.
    /// </summary>
    public int InHand { get; set; } = 32_000;

    /// <summary>Larger payloads are dead-lettered without parsing (docs/iot-topics.md: at most 16 KiB).</summary>
    public int MaxPayloadBytes { get; set; } = 16 * 1024;

    /// <summary>First and longest wait before retrying a message whose effect could not be committed (store down).</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RetryMaximumDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the counters are logged while they change.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(10);
}
