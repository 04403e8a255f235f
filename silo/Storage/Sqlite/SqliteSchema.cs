namespace WebKita.Silo.Storage.Sqlite;

internal static class SqliteSchema
{
    // Times are stored as UTC ticks so that comparisons are plain integer comparisons.
    public const string Migrate = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS grains (
            tenant TEXT NOT NULL,
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            parent TEXT NULL,
            state TEXT NOT NULL,
            PRIMARY KEY (tenant, kind, id)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS grains_by_parent ON grains (tenant, kind, parent) WHERE parent IS NOT NULL;
        CREATE TABLE IF NOT EXISTS grain_aliases (
            tenant TEXT NOT NULL,
            kind TEXT NOT NULL,
            alias TEXT NOT NULL,
            id TEXT NOT NULL,
            PRIMARY KEY (tenant, kind, alias)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS reminders (
            tenant TEXT NOT NULL,
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            due_at INTEGER NOT NULL,
            claimed_until INTEGER NULL,
            claimed_by TEXT NULL,
            PRIMARY KEY (tenant, kind, id, name));
        CREATE INDEX IF NOT EXISTS reminders_by_due ON reminders (due_at);
        CREATE TABLE IF NOT EXISTS outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant TEXT NOT NULL,
            type TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            payload TEXT NOT NULL,
            claimed_until INTEGER NULL,
            dispatched_at INTEGER NULL,
            claimed_by TEXT NULL);
        -- Nothing in the product reads one grain's events (see the PostgreSQL schema).
        DROP INDEX IF EXISTS outbox_by_grain;
        CREATE TABLE IF NOT EXISTS audit_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant TEXT NOT NULL,
            actor_id TEXT NOT NULL,
            actor_role TEXT NOT NULL,
            action TEXT NOT NULL,
            subject_kind TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            reason TEXT NULL,
            at INTEGER NOT NULL,
            details TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_by_tenant ON audit_log (tenant, seq);
        CREATE TABLE IF NOT EXISTS dead_letters (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant TEXT NULL,
            device_id TEXT NOT NULL,
            topic TEXT NOT NULL,
            reason TEXT NOT NULL,
            detail TEXT NOT NULL,
            payload BLOB NOT NULL,
            payload_length INTEGER NOT NULL,
            received_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS dead_letters_by_tenant ON dead_letters (tenant, seq);
        CREATE TABLE IF NOT EXISTS message_ids (
            tenant TEXT NOT NULL,
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            slot INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            hash INTEGER NOT NULL,
            PRIMARY KEY (tenant, kind, id, slot)) WITHOUT ROWID;
        """;

    /// <summary>Columns added after a table was first created: SQLite has no ADD COLUMN IF NOT EXISTS.</summary>
    public static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("reminders", "claimed_by", "TEXT NULL"),
        ("outbox", "claimed_by", "TEXT NULL"),
    ];
}
