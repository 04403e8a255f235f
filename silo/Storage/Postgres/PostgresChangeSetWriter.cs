using Npgsql;
using System.Runtime.InteropServices;
using NpgsqlTypes;
using WebKita.Grains.Devices;

namespace WebKita.Silo.Storage.Postgres;

/// <summary>
/// Turns a change set into set-based statements: one INSERT for new grains, checked by the
/// primary key (a plain insert costs a quarter less than one that first probes for a conflict),
/// one UPDATE for changed ones, checked by its row count. Rows are written in key order, so concurrent
/// transactions touching the same grains lock them in the same order and cannot deadlock.
/// </summary>
internal static class PostgresChangeSetWriter
{
    /// <summary>
    /// Rows per statement. A large turn (the allocation run writes every application of a round)
    /// becomes several statements of one batch: the server executes each while the client still
    /// sends the next, each statement's rows fit in work_mem instead of spilling to temp files,
    /// and the plan is index lookups rather than a scan of the whole table.
    /// </summary>
    internal const int RowsPerStatement = 1000;

    /// <param name="aliasesMayBeTaken">
    /// Skips an alias that another grain holds already, which keeps it (first wins). Without it,
    /// such an alias fails the batch with a unique violation on <c>grain_aliases_pkey</c>: a plain
    /// insert costs half of one that first probes for a conflict, and only a client that reuses its
    /// idempotency key for another grain ever causes one.
    /// </param>
    public static IReadOnlyList<(int Index, int ExpectedRows, Func<Exception> Stale)> Append(
        NpgsqlBatch batch, ChangeSet changes, OutboxLease? lease, bool aliasesMayBeTaken)
    {
        var checks = new List<(int, int, Func<Exception>)>();
        var ordered = changes.Writes.OrderBy(w => w.Key.Tenant, StringComparer.Ordinal)
            .ThenBy(w => w.Key.Kind, StringComparer.Ordinal).ThenBy(w => w.Key.Id).ToList();

        var statements = ordered.GroupBy(w => (w.Key.Tenant, w.Key.Kind, IsNew: w.ExpectedVersion == 0))
            .SelectMany(g => g.Chunk(RowsPerStatement).Select(writes => (g.Key, Writes: writes)));
        foreach (var (key, writes) in statements)
        {
            // An update finds each row by its own index probe and writes it at the address found.
            // Joined by key instead, the planner hashes every grain of the kind: all 30,000
            // applications for a chunk of 1,000 (58 ms against 21), and with statistics older
            // than the rows (a table that fills within seconds) every device for 40 readings.
            // A row updated meanwhile has a new address and is skipped, which the row count
            // reports as stale, as its version would.
            var sql = key.IsNew
                ? """
                  INSERT INTO grains (tenant, kind, id, version, parent, state)
                  SELECT $1, $2, w.id, 1, w.parent, w.state FROM unnest($3::uuid[], $4::uuid[], $5::text[]) AS w(id, parent, state)
                  """
                : """
                  UPDATE grains g SET version = g.version + 1, parent = w.parent, state = w.state
                  FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::bigint[]) AS w(id, parent, state, version)
                  CROSS JOIN LATERAL (SELECT x.ctid FROM grains x WHERE x.tenant = $1 AND x.kind = $2 AND x.id = w.id OFFSET 0) AS k(row)
                  WHERE g.ctid = k.row AND g.version = w.version
                  """;
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new() { Value = key.Tenant });
            command.Parameters.Add(new() { Value = key.Kind });
            command.Parameters.Add(new() { Value = writes.Select(w => w.Key.Id).ToArray() });
            command.Parameters.Add(new() { Value = writes.Select(w => w.Parent).ToArray() });
            command.Parameters.Add(new() { Value = writes.Select(w => w.State).ToArray() });
            if (!key.IsNew)
            {
                command.Parameters.Add(new() { Value = writes.Select(w => w.ExpectedVersion).ToArray() });
            }

            checks.Add((batch.BatchCommands.Count, writes.Length, () => new StaleWriteException(writes[0].Key, writes[0].ExpectedVersion)));
            batch.BatchCommands.Add(command);
        }

        var aliased = ordered.Where(w => w.Alias is not null).ToList();
        if (aliased.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO grain_aliases (tenant, kind, alias, id)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[])
                """ + (aliasesMayBeTaken ? " ON CONFLICT DO NOTHING" : ""),
                aliased.Select(w => w.Key.Tenant).ToArray(),
                aliased.Select(w => w.Key.Kind).ToArray(),
                aliased.Select(w => w.Alias!).ToArray(),
                aliased.Select(w => w.Key.Id).ToArray()));
        }

        // Key order, like the grains, for the same reason; a chunk appears once per change set.
        var chunks = (changes.MessageIds ?? []).OrderBy(m => m.Grain.Tenant, StringComparer.Ordinal)
            .ThenBy(m => m.Grain.Kind, StringComparer.Ordinal).ThenBy(m => m.Grain.Id).ThenBy(m => m.Chunk);
        foreach (var rows in chunks.Chunk(RowsPerStatement))
        {
            // The hashes go as one flat array, each row taking its slice: a bigint[] of arrays would
            // be a two-dimensional array, which unnest flattens.
            var hashes = new long[rows.Length * MessageIdRing.ChunkSize];
            for (var i = 0; i < rows.Length; i++)
            {
                MemoryMarshal.Cast<ulong, long>(rows[i].Hashes).CopyTo(hashes.AsSpan(i * MessageIdRing.ChunkSize));
            }

            batch.BatchCommands.Add(Command(
                $"""
                INSERT INTO message_id_chunks (tenant, kind, id, chunk, total, hashes)
                SELECT k.tenant, k.kind, k.id, k.chunk, k.total, $6[(k.n::integer - 1) * {MessageIdRing.ChunkSize} + 1 : k.n::integer * {MessageIdRing.ChunkSize}]
                FROM unnest($1::text[], $2::text[], $3::uuid[], $4::integer[], $5::bigint[]) WITH ORDINALITY AS k(tenant, kind, id, chunk, total, n)
                ON CONFLICT (tenant, kind, id, chunk) DO UPDATE SET total = excluded.total, hashes = excluded.hashes
                """,
                rows.Select(m => m.Grain.Tenant).ToArray(),
                rows.Select(m => m.Grain.Kind).ToArray(),
                rows.Select(m => m.Grain.Id).ToArray(),
                rows.Select(m => m.Chunk).ToArray(),
                rows.Select(m => m.Total).ToArray(),
                hashes));
        }

        foreach (var events in changes.Events.Chunk(RowsPerStatement))
        {
            var command = Command(
                """
                WITH event AS (
                    INSERT INTO outbox (tenant, type, grain_id, occurred_at, payload)
                    SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::timestamptz[], $5::text[])
                    RETURNING seq)
                INSERT INTO outbox_queue (seq, claimed_by, claimed_until) SELECT seq, $6, $7 FROM event
                """,
                events.Select(e => e.Tenant).ToArray(),
                events.Select(e => e.Type).ToArray(),
                events.Select(e => e.GrainId).ToArray(),
                events.Select(e => e.OccurredAt.ToUniversalTime()).ToArray(),
                events.Select(e => e.Payload).ToArray());
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)lease?.Claimant ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)lease?.Until.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            batch.BatchCommands.Add(command);
        }

        foreach (var entries in (changes.Audit ?? []).Chunk(RowsPerStatement))
        {
            // In the given order, so the log's sequence follows the decisions.
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO audit_log (tenant, actor_id, actor_role, action, subject_kind, subject_id, reason, at, details)
                SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::timestamptz[], $9::text[])
                """,
                entries.Select(e => e.Tenant).ToArray(),
                entries.Select(e => e.ActorId).ToArray(),
                entries.Select(e => e.ActorRole).ToArray(),
                entries.Select(e => e.Action).ToArray(),
                entries.Select(e => e.SubjectKind).ToArray(),
                entries.Select(e => e.SubjectId).ToArray(),
                entries.Select(e => e.Reason).ToArray(),
                entries.Select(e => e.At.ToUniversalTime()).ToArray(),
                entries.Select(e => e.Details).ToArray()));
        }

        foreach (var fired in changes.RemindersFired)
        {
            // Only the firing that was claimed is deleted: a reminder moved meanwhile stays.
            batch.BatchCommands.Add(Command(
                "DELETE FROM reminders WHERE tenant = $1 AND kind = $2 AND id = $3 AND name = $4 AND due_at = $5",
                fired.Grain.Tenant, fired.Grain.Kind, fired.Grain.Id, fired.Name, fired.DueAt.ToUniversalTime()));
        }

        foreach (var reminder in changes.RemindersSet)
        {
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO reminders (tenant, kind, id, name, due_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (tenant, kind, id, name) DO UPDATE SET due_at = excluded.due_at, claimed_until = NULL
                """,
                reminder.Grain.Tenant, reminder.Grain.Kind, reminder.Grain.Id, reminder.Name, reminder.DueAt.ToUniversalTime()));
        }

        return checks;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
