using System.Data.Common;
using Microsoft.Data.Sqlite;
using WebKita.Silo.Cluster.Relational;

namespace WebKita.Silo.Cluster.Embedded;

/// <summary>
/// Grain state and reminders in the SQLite file the silo already uses (<c>Silo:ConnectionString</c>),
/// in tables of their own beside the older runtime's, so they survive a restart of the process.
/// </summary>
public sealed class SqliteClusterStore : ClusterStore
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS orleans_grain_state (
            service_id TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            state_name TEXT NOT NULL,
            version INTEGER NOT NULL,
            payload TEXT NULL,
            PRIMARY KEY (service_id, grain_id, state_name)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS orleans_reminders (
            service_id TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            reminder_name TEXT NOT NULL,
            grain_hash INTEGER NOT NULL,
            start_at INTEGER NOT NULL,
            period INTEGER NOT NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);
        """;

    private readonly string _connectionString;

    public SqliteClusterStore(string connectionString, string serviceId)
        : base(serviceId)
    {
        SQLitePCL.Batteries_V2.Init();
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30, Pooling = true };
        if (builder.DataSource != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        _connectionString = builder.ToString();
    }

    protected override async Task<DbConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    protected override async Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
