namespace WebKita.Silo.Storage;

/// <summary>
/// A device message that could not take effect, kept with the reason so an admin can see what
/// a device sent and why it was refused. Written at least once: a message refused and redelivered
/// before its acknowledgement reached the broker may leave two letters.
/// </summary>
/// <param name="Tenant">The device's tenant when known; letters without one are visible to operators only.</param>
/// <param name="DeviceId">The device id from the topic (may be empty when the topic had none).</param>
/// <param name="Topic">The full topic the message arrived on.</param>
/// <param name="Reason">A stable reason code, e.g. <c>topic.unknown_channel</c>, <c>payload.invalid_json</c>.</param>
/// <param name="Detail">A human-readable explanation (no secrets).</param>
/// <param name="Payload">The payload, capped at <see cref="MaxPayloadBytes"/>.</param>
/// <param name="PayloadLength">The payload's length before capping.</param>
/// <param name="ReceivedAt">When the gateway received the message.</param>
/// <param name="Sequence">Assigned by the store; 0 when writing.</param>
public sealed record DeadLetter(
    string? Tenant,
    string DeviceId,
    string Topic,
    string Reason,
    string Detail,
    byte[] Payload,
    int PayloadLength,
    DateTimeOffset ReceivedAt,
    long Sequence = 0)
{
    /// <summary>The most payload bytes a letter keeps: enough to see what went wrong, not enough to fill the table.</summary>
    public const int MaxPayloadBytes = 4096;

    /// <summary>A letter for <paramref name="payload"/>, capped at <see cref="MaxPayloadBytes"/>.</summary>
    public static DeadLetter For(string? tenant, string deviceId, string topic, string reason, string detail, ReadOnlySpan<byte> payload, DateTimeOffset receivedAt) =>
        new(tenant, deviceId, topic, reason, detail, payload[..Math.Min(payload.Length, MaxPayloadBytes)].ToArray(), payload.Length, receivedAt);
}
