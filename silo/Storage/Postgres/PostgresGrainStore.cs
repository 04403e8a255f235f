using System.Runtime.InteropServices;
using System.Buffers.Binary;
using System.Net.Sockets;
using Npgsql;
using NpgsqlTypes;

namespace WebKita.Silo.Storage.Postgres;

/// <summary>
/// The production store. Each change set is one transaction of a few set-based statements. Owns
/// its data source: disposing the store (the host does, at shutdown) closes its pooled connections
/// at once instead of leaving them open until they idle out.
/// </summary>
public sealed partial class PostgresGrainStore(NpgsqlDataSource dataSource) : IGrainStore, IAsyncDisposable
{
    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public Task MigrateAsync(CancellationToken cancellationToken) =>
        Run(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(PostgresSchema.Migrate, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            return false;
        }
    }

    public async Task<StoredGrain?> ReadAsync(GrainKey key, CancellationToken cancellationToken) =>
        (await ReadManyAsync(key.Tenant, key.Kind, [key.Id], cancellationToken)).SingleOrDefault();

    /// <remarks>
    /// Each id is looked up on its own, an index probe per key: with <c>id = ANY($3)</c> and
    /// statistics that lag a table filling up in a rush, PostgreSQL read every row of the kind and
    /// filtered (10-16 ms a preload with 30,000 applications stored, most of the store's time).
    /// OFFSET 0 keeps it from merging the lookup into a join, which it could plan the same way.
    /// </remarks>
    public Task<IReadOnlyList<StoredGrain>> ReadManyAsync(string tenant, string kind, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        Query(
            """
            SELECT g.id, g.version, g.state FROM unnest($3::uuid[]) AS k(id)
            CROSS JOIN LATERAL (SELECT id, version, state FROM grains WHERE tenant = $1 AND kind = $2 AND id = k.id OFFSET 0) AS g
            """,
            [new() { Value = tenant }, new() { Value = kind }, new() { Value = ids.Distinct().ToArray() }],
            r => new StoredGrain(new GrainKey(tenant, kind, r.GetGuid(0)), r.GetInt64(1), r.GetString(2)),
            cancellationToken);

    /// <remarks>Per key, as <see cref="ReadManyAsync"/>.</remarks>
    public Task<IReadOnlyList<MessageIdChunk>> ReadMessageIdsAsync(string tenant, string kind, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        Query(
            """
            SELECT m.id, m.chunk, m.total, m.hashes FROM unnest($3::uuid[]) AS k(id)
            CROSS JOIN LATERAL (SELECT id, chunk, total, hashes FROM message_id_chunks WHERE tenant = $1 AND kind = $2 AND id = k.id OFFSET 0) AS m
            """,
            [new() { Value = tenant }, new() { Value = kind }, new() { Value = ids.Distinct().ToArray() }],
            r => new MessageIdChunk(
                new GrainKey(tenant, kind, r.GetGuid(0)), r.GetInt32(1), r.GetInt64(2), MemoryMarshal.Cast<long, ulong>(r.GetFieldValue<long[]>(3)).ToArray()),
            cancellationToken);

    public async Task<StoredGrain?> ReadByAliasAsync(string tenant, string kind, string alias, CancellationToken cancellationToken) =>
        (await ReadManyByAliasAsync(tenant, kind, [alias], cancellationToken)).GetValueOrDefault(alias);

    /// <remarks>Per key, as <see cref="ReadManyAsync"/>: the alias, then its grain.</remarks>
    public async Task<IReadOnlyDictionary<string, StoredGrain>> ReadManyByAliasAsync(
        string tenant, string kind, IReadOnlyCollection<string> aliases, CancellationToken cancellationToken) =>
        (await Query(
            """
            SELECT k.alias, g.id, g.version, g.state FROM unnest($3::text[]) AS k(alias)
            CROSS JOIN LATERAL (SELECT id FROM grain_aliases WHERE tenant = $1 AND kind = $2 AND alias = k.alias OFFSET 0) AS a
            CROSS JOIN LATERAL (SELECT id, version, state FROM grains WHERE tenant = $1 AND kind = $2 AND id = a.id OFFSET 0) AS g
            """,
            [new() { Value = tenant }, new() { Value = kind }, new() { Value = aliases.Distinct().ToArray() }],
            r => (Alias: r.GetString(0), Grain: new StoredGrain(new GrainKey(tenant, kind, r.GetGuid(1)), r.GetInt64(2), r.GetString(3))),
            cancellationToken)).ToDictionary(x => x.Alias, x => x.Grain);

    /// <remarks>
    /// Sorted by id here rather than by the server: a round's 50,000 applications are ~45 MB of
    /// state, which an ORDER BY would spill to temp files, while sorting the ids in memory is cheap.
    /// </remarks>
    public async Task<IReadOnlyList<StoredGrain>> ListAsync(string tenant, string kind, Guid? parent, CancellationToken cancellationToken)
    {
        var rows = await Query(
            "SELECT id, version, state FROM grains WHERE tenant = $1 AND kind = $2 AND ($3::uuid IS NULL OR parent = $3)",
            [new() { Value = tenant }, new() { Value = kind }, new() { Value = (object?)parent ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid }],
            r => new StoredGrain(new GrainKey(tenant, kind, r.GetGuid(0)), r.GetInt64(1), r.GetString(2)),
            cancellationToken);
        var sorted = rows.ToArray();
        Array.Sort(Array.ConvertAll(sorted, g => UuidOrder(g.Key.Id)), sorted);
        return sorted;
    }

    /// <summary>PostgreSQL orders uuids by their 16 bytes in RFC 9562 (big-endian) order, not as <see cref="Guid.CompareTo(Guid)"/> does.</summary>
    private static UInt128 UuidOrder(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    public Task CommitAsync(ChangeSet changes, CancellationToken cancellationToken) =>
        Run(async () =>
        {
            var lease = changes.Events.Count > 0 ? _leaseEvents?.Invoke() : null;
            try
            {
                await CommitOnceAsync(changes, lease, aliasesMayBeTaken: false, cancellationToken);
            }
            catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "grain_aliases_pkey" })
            {
                // An idempotency key another grain holds already: written again, it stays with that one.
                await CommitOnceAsync(changes, lease, aliasesMayBeTaken: true, cancellationToken);
            }
        });

    private async Task CommitOnceAsync(ChangeSet changes, OutboxLease? lease, bool aliasesMayBeTaken, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var checks = PostgresChangeSetWriter.Append(batch, changes, lease, aliasesMayBeTaken);
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "grains_pkey" })
        {
            // A new grain that exists already: stale, as an update's row count would say. Like
            // that check, it names the first of the writes it stands for.
            throw new StaleWriteException(changes.Writes.First(w => w.ExpectedVersion == 0).Key, 0);
        }

        foreach (var (index, expectedRows, stale) in checks)
        {
            if (batch.BatchCommands[index].RecordsAffected != expectedRows)
            {
                throw stale();
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<Reminder>> ClaimDueRemindersAsync(DateTimeOffset now, TimeSpan lease, int max, Claimant claimant, CancellationToken cancellationToken) =>
        Query(
            """
            UPDATE reminders r SET claimed_until = $2, claimed_by = $4
            FROM (SELECT tenant, kind, id, name FROM reminders
                  WHERE due_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1 OR claimed_by = ANY($5))
                  ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
            WHERE (r.tenant, r.kind, r.id, r.name) = (due.tenant, due.kind, due.id, due.name)
            RETURNING r.tenant, r.kind, r.id, r.name, r.due_at
            """,
            ClaimParameters(now, lease, max, claimant),
            ReadReminder,
            cancellationToken);

    public Task RetryReminderAsync(Reminder reminder, DateTimeOffset at, CancellationToken cancellationToken) =>
        Execute(
            """
            UPDATE reminders SET claimed_until = $6
            WHERE tenant = $1 AND kind = $2 AND id = $3 AND name = $4 AND due_at = $5 AND claimed_until > $6
            """,
            [
                new() { Value = reminder.Grain.Tenant }, new() { Value = reminder.Grain.Kind }, new() { Value = reminder.Grain.Id },
                new() { Value = reminder.Name }, new() { Value = reminder.DueAt.ToUniversalTime() }, new() { Value = at.ToUniversalTime() },
            ],
            cancellationToken);

    public Task<IReadOnlyList<Reminder>> ListRemindersAsync(GrainKey grain, CancellationToken cancellationToken) =>
        Query(
            "SELECT tenant, kind, id, name, due_at FROM reminders WHERE tenant = $1 AND kind = $2 AND id = $3 ORDER BY name",
            [new() { Value = grain.Tenant }, new() { Value = grain.Kind }, new() { Value = grain.Id }],
            ReadReminder,
            cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string tenant, long? before, int max, CancellationToken cancellationToken) =>
        Query(
            """
            SELECT tenant, actor_id, actor_role, action, subject_kind, subject_id, reason, at, details, seq FROM audit_log
            WHERE tenant = $1 AND ($2::bigint IS NULL OR seq < $2) ORDER BY seq DESC LIMIT $3
            """,
            [new() { Value = tenant }, new() { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint }, new() { Value = max }],
            r => new AuditEntry(
                r.GetString(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetGuid(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.GetFieldValue<DateTimeOffset>(7), r.GetString(8), r.GetInt64(9)),
            cancellationToken);

    /// <summary>$1 now, $2 the lease's end, $3 at most, $4 the claimant, $5 the claimants declared dead.</summary>
    private static NpgsqlParameter[] ClaimParameters(DateTimeOffset now, TimeSpan lease, int max, Claimant claimant) =>
    [
        new() { Value = now.ToUniversalTime() }, new() { Value = (now + lease).ToUniversalTime() }, new() { Value = max },
        new() { Value = claimant.Name }, new() { Value = claimant.Dead.ToArray() },
    ];

    private static Reminder ReadReminder(NpgsqlDataReader r) =>
        new(new GrainKey(r.GetString(0), r.GetString(1), r.GetGuid(2)), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4));

    private Task<IReadOnlyList<T>> Query<T>(string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken) =>
        Run<IReadOnlyList<T>>(async () =>
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.AddRange(parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        });

    private Task Execute(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken) =>
        Run(async () =>
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.AddRange(parameters);
            await command.ExecuteNonQueryAsync(cancellationToken);
        });

    private static async Task Run(Func<Task> operation) => await Run(async () =>
    {
        await operation();
        return 0;
    });

    private static async Task<T> Run<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw new StoreUnavailableException($"PostgreSQL is unavailable: {e.Message}", e);
        }
    }

    private static bool IsUnavailable(Exception e) => e switch
    {
        NpgsqlException { IsTransient: true } => true,
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" } => true, // shutting down, starting up, too many connections
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => true,
        _ => false,
    };
}
