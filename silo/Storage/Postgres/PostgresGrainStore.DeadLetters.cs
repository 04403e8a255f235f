using NpgsqlTypes;

namespace WebKita.Silo.Storage.Postgres;

/// <summary>The dead-letter table of the production store.</summary>
public sealed partial class PostgresGrainStore
{
    public Task AddDeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return Run(async () =>
        {
            await using var command = dataSource.CreateCommand(
                """
                INSERT INTO dead_letters (tenant, device_id, topic, reason, detail, payload, payload_length, received_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """);
            command.Parameters.Add(new() { Value = (object?)letter.Tenant ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = letter.DeviceId });
            command.Parameters.Add(new() { Value = letter.Topic });
            command.Parameters.Add(new() { Value = letter.Reason });
            command.Parameters.Add(new() { Value = letter.Detail });
            command.Parameters.Add(new() { Value = letter.Payload, NpgsqlDbType = NpgsqlDbType.Bytea });
            command.Parameters.Add(new() { Value = letter.PayloadLength });
            command.Parameters.Add(new() { Value = letter.ReceivedAt.ToUniversalTime() });
            await command.ExecuteNonQueryAsync(cancellationToken);
        });
    }

    public Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(string tenant, long? before, int max, CancellationToken cancellationToken) =>
        Query(
            """
            SELECT tenant, device_id, topic, reason, detail, payload, payload_length, received_at, seq FROM dead_letters
            WHERE tenant = $1 AND ($2::bigint IS NULL OR seq < $2) ORDER BY seq DESC LIMIT $3
            """,
            [new() { Value = tenant }, new() { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint }, new() { Value = max }],
            r => new DeadLetter(
                r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetFieldValue<byte[]>(5), r.GetInt32(6),
                r.GetFieldValue<DateTimeOffset>(7), r.GetInt64(8)),
            cancellationToken);
}
