using static WebKita.Silo.Storage.Sqlite.SqliteRows;

namespace WebKita.Silo.Storage.Sqlite;

/// <summary>The dead-letter table of the embedded store.</summary>
public sealed partial class SqliteGrainStore
{
    public async Task AddDeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await Execute(connection, null,
                """
                INSERT INTO dead_letters (tenant, device_id, topic, reason, detail, payload, payload_length, received_at)
                VALUES ($tenant, $device, $topic, $reason, $detail, $payload, $length, $at)
                """,
                cancellationToken, ("$tenant", (object?)letter.Tenant ?? DBNull.Value), ("$device", letter.DeviceId), ("$topic", letter.Topic),
                ("$reason", letter.Reason), ("$detail", letter.Detail), ("$payload", letter.Payload), ("$length", letter.PayloadLength),
                ("$at", letter.ReceivedAt.UtcTicks));
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(string tenant, long? before, int max, CancellationToken cancellationToken) =>
        Query(
            """
            SELECT tenant, device_id, topic, reason, detail, payload, payload_length, received_at, seq FROM dead_letters
            WHERE tenant = $tenant AND ($before IS NULL OR seq < $before) ORDER BY seq DESC LIMIT $max
            """,
            [("$tenant", tenant), ("$before", (object?)before ?? DBNull.Value), ("$max", max)],
            r => new DeadLetter(
                r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), (byte[])r.GetValue(5), r.GetInt32(6),
                new DateTimeOffset(r.GetInt64(7), TimeSpan.Zero), r.GetInt64(8)),
            cancellationToken);
}
