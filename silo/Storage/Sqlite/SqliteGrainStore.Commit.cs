using WebKita.Grains.Devices;
using static WebKita.Silo.Storage.Sqlite.SqliteRows;

namespace WebKita.Silo.Storage.Sqlite;

/// <summary>A change set in one immediate transaction: grains by version, aliases, outbox, audit, message ids, reminders.</summary>
public sealed partial class SqliteGrainStore
{
    public async Task CommitAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var write in changes.Writes)
            {
                var rows = write.ExpectedVersion == 0
                    ? await Execute(connection, transaction,
                        "INSERT INTO grains (tenant, kind, id, version, parent, state) VALUES ($tenant, $kind, $id, 1, $parent, $state) ON CONFLICT DO NOTHING",
                        cancellationToken, GrainParameters(write))
                    : await Execute(connection, transaction,
                        "UPDATE grains SET version = version + 1, parent = $parent, state = $state WHERE tenant = $tenant AND kind = $kind AND id = $id AND version = $version",
                        cancellationToken, [.. GrainParameters(write), ("$version", write.ExpectedVersion)]);
                if (rows != 1)
                {
                    throw new StaleWriteException(write.Key, write.ExpectedVersion);
                }

                if (write.Alias is not null)
                {
                    await Execute(connection, transaction,
                        "INSERT INTO grain_aliases (tenant, kind, alias, id) VALUES ($tenant, $kind, $alias, $id) ON CONFLICT DO NOTHING",
                        cancellationToken, ("$tenant", write.Key.Tenant), ("$kind", write.Key.Kind), ("$alias", write.Alias), ("$id", Text(write.Key.Id)));
                }
            }

            var lease = changes.Events.Count > 0 ? _leaseEvents?.Invoke() : null;
            foreach (var e in changes.Events)
            {
                await Execute(connection, transaction,
                    "INSERT INTO outbox (tenant, type, grain_id, occurred_at, payload, claimed_by, claimed_until) VALUES ($tenant, $type, $grain, $at, $payload, $claimant, $until)",
                    cancellationToken, ("$tenant", e.Tenant), ("$type", e.Type), ("$grain", Text(e.GrainId)), ("$at", e.OccurredAt.UtcTicks), ("$payload", e.Payload),
                    ("$claimant", (object?)lease?.Claimant ?? DBNull.Value), ("$until", (object?)lease?.Until.UtcTicks ?? DBNull.Value));
            }

            foreach (var entry in changes.Audit ?? [])
            {
                await Execute(connection, transaction,
                    """
                    INSERT INTO audit_log (tenant, actor_id, actor_role, action, subject_kind, subject_id, reason, at, details)
                    VALUES ($tenant, $actor, $role, $action, $kind, $subject, $reason, $at, $details)
                    """,
                    cancellationToken, ("$tenant", entry.Tenant), ("$actor", Text(entry.ActorId)), ("$role", entry.ActorRole), ("$action", entry.Action),
                    ("$kind", entry.SubjectKind), ("$subject", Text(entry.SubjectId)), ("$reason", (object?)entry.Reason ?? DBNull.Value),
                    ("$at", entry.At.UtcTicks), ("$details", entry.Details));
            }

            foreach (var chunk in changes.MessageIds ?? [])
            {
                for (var i = 0; i < MessageIdRing.ChunkSize; i++)
                {
                    var slot = (chunk.Chunk * MessageIdRing.ChunkSize) + i;
                    if (MessageIdRing.SequenceAt(slot, chunk.Total) is var sequence && sequence >= 0)
                    {
                        await Execute(connection, transaction,
                            """
                            INSERT INTO message_ids (tenant, kind, id, slot, seq, hash) VALUES ($tenant, $kind, $id, $slot, $seq, $hash)
                            ON CONFLICT (tenant, kind, id, slot) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
                            """,
                            cancellationToken, ("$tenant", chunk.Grain.Tenant), ("$kind", chunk.Grain.Kind), ("$id", Text(chunk.Grain.Id)),
                            ("$slot", slot), ("$seq", sequence), ("$hash", unchecked((long)chunk.Hashes[i])));
                    }
                }
            }

            foreach (var fired in changes.RemindersFired)
            {
                await Execute(connection, transaction,
                    "DELETE FROM reminders WHERE tenant = $tenant AND kind = $kind AND id = $id AND name = $name AND due_at = $due",
                    cancellationToken, ReminderParameters(fired));
            }

            foreach (var reminder in changes.RemindersSet)
            {
                await Execute(connection, transaction,
                    """
                    INSERT INTO reminders (tenant, kind, id, name, due_at) VALUES ($tenant, $kind, $id, $name, $due)
                    ON CONFLICT (tenant, kind, id, name) DO UPDATE SET due_at = excluded.due_at, claimed_until = NULL
                    """,
                    cancellationToken, ReminderParameters(reminder));
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
