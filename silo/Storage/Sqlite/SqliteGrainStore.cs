using WebKita.Grains.Devices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using static WebKita.Silo.Storage.Sqlite.SqliteRows;

namespace WebKita.Silo.Storage.Sqlite;

/// <summary>
/// The embedded default: one file, one process. SQLite has a single writer, so commits are
/// serialised by a lock in the process as well as by BEGIN IMMEDIATE across processes.
/// </summary>
public sealed partial class SqliteGrainStore : IGrainStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteGrainStore(string connectionString)
    {
        SQLitePCL.Batteries_V2.Init();
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30, Pooling = true };
        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder && builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }

        _connectionString = builder.ToString();
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await Execute(connection, null, SqliteSchema.Migrate, cancellationToken);
        foreach (var (table, column, definition) in SqliteSchema.AddedColumns)
        {
            await using var probe = connection.CreateCommand();
            probe.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
            try
            {
                if ((long)(await probe.ExecuteScalarAsync(cancellationToken))! == 0)
                {
                    await Execute(connection, null, $"ALTER TABLE {table} ADD COLUMN {column} {definition}", cancellationToken);
                }
            }
            catch (SqliteException e) when (e.Message.Contains("duplicate column", StringComparison.Ordinal))
            {
                // Another process starting on the same file added it first.
            }
        }
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await Execute(connection, null, "SELECT 1", cancellationToken);
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    public async Task<StoredGrain?> ReadAsync(GrainKey key, CancellationToken cancellationToken) =>
        (await ReadManyAsync(key.Tenant, key.Kind, [key.Id], cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<StoredGrain>> ReadManyAsync(string tenant, string kind, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        QueryByIdsAsync(
            "SELECT id, version, state FROM grains", tenant, kind, ids,
            r => new StoredGrain(new GrainKey(tenant, kind, Guid.Parse(r.GetString(0))), r.GetInt64(1), r.GetString(2)),
            cancellationToken);

    /// <remarks>
    /// SQLite keeps a row a slot (the embedded store has no burst to carry): a chunk's total is its
    /// latest sequence plus one, which puts every slot of it at the sequence it was written with.
    /// </remarks>
    public async Task<IReadOnlyList<MessageIdChunk>> ReadMessageIdsAsync(string tenant, string kind, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var slots = await QueryByIdsAsync(
            "SELECT id, slot, seq, hash FROM message_ids", tenant, kind, ids,
            r => (Grain: new GrainKey(tenant, kind, Guid.Parse(r.GetString(0))), Slot: r.GetInt32(1), Sequence: r.GetInt64(2), Hash: unchecked((ulong)r.GetInt64(3))),
            cancellationToken);
        return [.. slots.GroupBy(s => (s.Grain, Chunk: s.Slot / MessageIdRing.ChunkSize)).Select(chunk =>
        {
            var hashes = new ulong[MessageIdRing.ChunkSize];
            foreach (var slot in chunk)
            {
                hashes[slot.Slot % MessageIdRing.ChunkSize] = slot.Hash;
            }

            return new MessageIdChunk(chunk.Key.Grain, chunk.Key.Chunk, chunk.Max(s => s.Sequence) + 1, hashes);
        })];
    }

    public async Task<StoredGrain?> ReadByAliasAsync(string tenant, string kind, string alias, CancellationToken cancellationToken) =>
        (await Query(
            """
            SELECT g.id, g.version, g.state FROM grain_aliases a
            JOIN grains g ON g.tenant = a.tenant AND g.kind = a.kind AND g.id = a.id
            WHERE a.tenant = $tenant AND a.kind = $kind AND a.alias = $alias
            """,
            [("$tenant", tenant), ("$kind", kind), ("$alias", alias)],
            r => new StoredGrain(new GrainKey(tenant, kind, Guid.Parse(r.GetString(0))), r.GetInt64(1), r.GetString(2)),
            cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyDictionary<string, StoredGrain>> ReadManyByAliasAsync(
        string tenant, string kind, IReadOnlyCollection<string> aliases, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, StoredGrain>();
        foreach (var alias in aliases.Distinct())
        {
            if (await ReadByAliasAsync(tenant, kind, alias, cancellationToken) is { } grain)
            {
                found[alias] = grain;
            }
        }

        return found;
    }

    public Task<IReadOnlyList<StoredGrain>> ListAsync(string tenant, string kind, Guid? parent, CancellationToken cancellationToken) =>
        Query(
            "SELECT id, version, state FROM grains WHERE tenant = $tenant AND kind = $kind AND ($parent IS NULL OR parent = $parent) ORDER BY id",
            [("$tenant", tenant), ("$kind", kind), ("$parent", parent is { } p ? Text(p) : DBNull.Value)],
            r => new StoredGrain(new GrainKey(tenant, kind, Guid.Parse(r.GetString(0))), r.GetInt64(1), r.GetString(2)),
            cancellationToken);

    public async Task<IReadOnlyList<Reminder>> ClaimDueRemindersAsync(DateTimeOffset now, TimeSpan lease, int max, Claimant claimant, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            return await Query(
                """
                UPDATE reminders SET claimed_until = $until, claimed_by = $claimant
                WHERE rowid IN (
                    SELECT rowid FROM reminders
                    WHERE due_at <= $now AND (claimed_until IS NULL OR claimed_until <= $now OR claimed_by IN (SELECT value FROM json_each($dead)))
                    ORDER BY due_at LIMIT $max)
                RETURNING tenant, kind, id, name, due_at
                """,
                ClaimParameters(now, lease, max, claimant),
                ReadReminder,
                cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task RetryReminderAsync(Reminder reminder, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(
            """
            UPDATE reminders SET claimed_until = $at
            WHERE tenant = $tenant AND kind = $kind AND id = $id AND name = $name AND due_at = $due AND claimed_until > $at
            """,
            cancellationToken, [.. ReminderParameters(reminder), ("$at", at.UtcTicks)]);

    public Task<IReadOnlyList<Reminder>> ListRemindersAsync(GrainKey grain, CancellationToken cancellationToken) =>
        Query(
            "SELECT tenant, kind, id, name, due_at FROM reminders WHERE tenant = $tenant AND kind = $kind AND id = $id ORDER BY name",
            [("$tenant", grain.Tenant), ("$kind", grain.Kind), ("$id", Text(grain.Id))],
            ReadReminder,
            cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string tenant, long? before, int max, CancellationToken cancellationToken) =>
        Query(
            """
            SELECT tenant, actor_id, actor_role, action, subject_kind, subject_id, reason, at, details, seq FROM audit_log
            WHERE tenant = $tenant AND ($before IS NULL OR seq < $before) ORDER BY seq DESC LIMIT $max
            """,
            [("$tenant", tenant), ("$before", (object?)before ?? DBNull.Value), ("$max", max)],
            r => new AuditEntry(
                r.GetString(0), Guid.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), Guid.Parse(r.GetString(5)),
                r.IsDBNull(6) ? null : r.GetString(6), new DateTimeOffset(r.GetInt64(7), TimeSpan.Zero), r.GetString(8), r.GetInt64(9)),
            cancellationToken);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>One statement on a connection of its own, under the lock that serialises this store's writes.</summary>
    private async Task WriteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await Execute(connection, null, sql, cancellationToken, parameters);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>$now, $until (the lease's end), $max, $claimant, and $dead as a JSON array for <c>json_each</c>.</summary>
    private static (string Name, object Value)[] ClaimParameters(DateTimeOffset now, TimeSpan lease, int max, Claimant claimant) =>
        [("$now", now.UtcTicks), ("$until", (now + lease).UtcTicks), ("$max", max), ("$claimant", claimant.Name), ("$dead", JsonSerializer.Serialize(claimant.Dead))];

    /// <summary>Rows of a table keyed by tenant, kind and id, for many ids: <paramref name="select"/> gets the WHERE clause, in chunks within SQLite's parameter limit.</summary>
    private async Task<IReadOnlyList<T>> QueryByIdsAsync<T>(
        string select, string tenant, string kind, IReadOnlyCollection<Guid> ids, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>(ids.Count);
        foreach (var chunk in ids.Chunk(500))
        {
            var names = string.Join(", ", chunk.Select((_, i) => $"$id{i}"));
            var parameters = chunk.Select((id, i) => ($"$id{i}", (object)Text(id))).Append(("$tenant", tenant)).Append(("$kind", kind)).ToArray();
            rows.AddRange(await Query($"{select} WHERE tenant = $tenant AND kind = $kind AND id IN ({names})", parameters, read, cancellationToken));
        }

        return rows;
    }

    private async Task<IReadOnlyList<T>> Query<T>(string sql, (string Name, object Value)[] parameters, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
