namespace WebKita.Silo.Storage.Postgres;

internal static class PostgresSchema
{
    // The advisory lock serialises concurrent migrations from several starting processes.
    public const string Migrate = """
        SELECT pg_advisory_xact_lock(7263541);
        CREATE TABLE IF NOT EXISTS grains (
            tenant text NOT NULL,
            kind text NOT NULL,
            id uuid NOT NULL,
            version bigint NOT NULL,
            parent uuid NULL,
            state text NOT NULL,
            PRIMARY KEY (tenant, kind, id));
        -- Grain states, event payloads and audit details are JSON that only the silo reads, whole.
        -- Stored as text they are kept as written: as jsonb, PostgreSQL parsed every row on the way
        -- in and printed it again on the way out. A store from before this has jsonb columns.
        DO $$ DECLARE c record; BEGIN
            FOR c IN SELECT table_name, column_name FROM information_schema.columns
                     WHERE table_schema = current_schema() AND data_type = 'jsonb'
                       AND (table_name, column_name) IN (('grains', 'state'), ('outbox', 'payload'), ('audit_log', 'details')) LOOP
                EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE text USING %I::text', c.table_name, c.column_name, c.column_name);
            END LOOP;
        END $$;
        -- A hot offering's state is rewritten at every commit; lz4 costs far less CPU than the
        -- default pglz. A server built without lz4 keeps the default.
        DO $$ BEGIN ALTER TABLE grains ALTER COLUMN state SET COMPRESSION lz4; EXCEPTION WHEN OTHERS THEN NULL; END $$;
        CREATE INDEX IF NOT EXISTS grains_by_parent ON grains (tenant, kind, parent) WHERE parent IS NOT NULL;
        CREATE TABLE IF NOT EXISTS grain_aliases (
            tenant text NOT NULL,
            kind text NOT NULL,
            alias text NOT NULL,
            id uuid NOT NULL,
            PRIMARY KEY (tenant, kind, alias));
        CREATE TABLE IF NOT EXISTS reminders (
            tenant text NOT NULL,
            kind text NOT NULL,
            id uuid NOT NULL,
            name text NOT NULL,
            due_at timestamptz NOT NULL,
            claimed_until timestamptz NULL,
            PRIMARY KEY (tenant, kind, id, name));
        CREATE INDEX IF NOT EXISTS reminders_by_due ON reminders (due_at);
        ALTER TABLE reminders ADD COLUMN IF NOT EXISTS claimed_by text NULL;
        CREATE TABLE IF NOT EXISTS outbox (
            seq bigserial PRIMARY KEY,
            tenant text NOT NULL,
            type text NOT NULL,
            grain_id uuid NOT NULL,
            occurred_at timestamptz NOT NULL,
            payload text NOT NULL);
        -- Nothing in the product reads one grain's events; an index for that cost half of every
        -- event's insert. A store from before this has one.
        DROP INDEX IF EXISTS outbox_by_grain;
        -- The events not yet delivered, with who holds each and until when. The outbox itself is
        -- append-only: a delivery deletes a narrow row here, where marking the event would write
        -- a new version of it, payload and index entries included.
        DO $$ BEGIN
            IF to_regclass('outbox_queue') IS NULL THEN
                CREATE TABLE outbox_queue (
                    seq bigint PRIMARY KEY,
                    claimed_by text NULL,
                    claimed_until timestamptz NULL);
                -- A store from before the queue marked delivery on the event. Its undelivered
                -- events are queued unclaimed: the processes that held them were the old version.
                IF EXISTS (SELECT 1 FROM information_schema.columns
                           WHERE table_schema = current_schema() AND table_name = 'outbox' AND column_name = 'dispatched_at') THEN
                    INSERT INTO outbox_queue (seq) SELECT seq FROM outbox WHERE dispatched_at IS NULL;
                    DROP INDEX IF EXISTS outbox_pending;
                    ALTER TABLE outbox DROP COLUMN IF EXISTS claimed_by, DROP COLUMN IF EXISTS claimed_until, DROP COLUMN dispatched_at;
                END IF;
            END IF;
        END $$;
        CREATE TABLE IF NOT EXISTS audit_log (
            seq bigserial PRIMARY KEY,
            tenant text NOT NULL,
            actor_id uuid NOT NULL,
            actor_role text NOT NULL,
            action text NOT NULL,
            subject_kind text NOT NULL,
            subject_id uuid NOT NULL,
            reason text NULL,
            at timestamptz NOT NULL,
            details text NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_by_tenant ON audit_log (tenant, seq);
        CREATE TABLE IF NOT EXISTS dead_letters (
            seq bigserial PRIMARY KEY,
            tenant text NULL,
            device_id text NOT NULL,
            topic text NOT NULL,
            reason text NOT NULL,
            detail text NOT NULL,
            payload bytea NOT NULL,
            payload_length integer NOT NULL,
            received_at timestamptz NOT NULL);
        CREATE INDEX IF NOT EXISTS dead_letters_by_tenant ON dead_letters (tenant, seq);
        -- A device's ring of recent message ids in 16 chunks of 64 slots, each overwritten in place
        -- when one of its slots takes a new id: a commit writes a row per device and chunk touched
        -- instead of rewriting the whole ring with the device's state. Free space on each page keeps
        -- the overwrites heap-only (no index entry, no page split).
        CREATE TABLE IF NOT EXISTS message_id_chunks (
            tenant text NOT NULL,
            kind text NOT NULL,
            id uuid NOT NULL,
            chunk integer NOT NULL,
            total bigint NOT NULL,
            hashes bigint[] NOT NULL,
            PRIMARY KEY (tenant, kind, id, chunk)) WITH (fillfactor = 50);
        -- A store from before the chunks kept a row a slot: a burst's every message inserted one,
        -- nine for each device row a commit wrote. Each chunk of slots becomes one row; the latest
        -- sequence in it, plus one, is the total it was written at, and a slot never written is 0
        -- (the ring reads it as older than its window).
        DO $$ BEGIN
            IF to_regclass('message_ids') IS NOT NULL THEN
                INSERT INTO message_id_chunks (tenant, kind, id, chunk, total, hashes)
                SELECT c.tenant, c.kind, c.id, c.chunk, c.total,
                       ARRAY(SELECT coalesce(m.hash, 0) FROM generate_series(0, 63) AS p(i)
                             LEFT JOIN message_ids m ON m.tenant = c.tenant AND m.kind = c.kind AND m.id = c.id AND m.slot = c.chunk * 64 + p.i
                             ORDER BY p.i)
                FROM (SELECT tenant, kind, id, slot / 64 AS chunk, max(seq) + 1 AS total FROM message_ids GROUP BY tenant, kind, id, slot / 64) AS c;
                DROP TABLE message_ids;
            END IF;
        END $$;
        """;
}
