using System.Data.Common;
using Npgsql;
using WebKita.Silo.Cluster.Relational;

namespace WebKita.Silo.Cluster.Postgres;

/// <summary>
/// Grain state, reminders and membership in PostgreSQL, in the project's own tables. Versions are
/// bigint, keys are the grain id as text (never a number, so "007" and "7" stay two grains).
/// </summary>
public sealed class PostgresClusterStore(NpgsqlDataSource dataSource, string serviceId) : ClusterStore(serviceId), IAsyncDisposable
{
    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    // Several silos start at once against an empty database; CREATE ... IF NOT EXISTS alone races
    // on the catalog, so the creation is serialised by a transaction-scoped advisory lock.
    private const string Schema = """
        SELECT pg_advisory_xact_lock(7241100011);
        CREATE TABLE IF NOT EXISTS orleans_grain_state (
            service_id text NOT NULL,
            grain_id text NOT NULL,
            state_name text NOT NULL,
            version bigint NOT NULL,
            payload text NULL,
            PRIMARY KEY (service_id, grain_id, state_name));
        CREATE TABLE IF NOT EXISTS orleans_reminders (
            service_id text NOT NULL,
            grain_id text NOT NULL,
            reminder_name text NOT NULL,
            grain_hash bigint NOT NULL,
            start_at bigint NOT NULL,
            period bigint NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name));
        CREATE INDEX IF NOT EXISTS orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);
        CREATE TABLE IF NOT EXISTS orleans_membership_version (
            cluster_id text PRIMARY KEY,
            version bigint NOT NULL);
        CREATE TABLE IF NOT EXISTS orleans_membership (
            cluster_id text NOT NULL,
            silo_address text NOT NULL,
            entry text NOT NULL,
            i_am_alive bigint NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (cluster_id, silo_address));
        """;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    protected override async Task<DbConnection> ConnectAsync(CancellationToken cancellationToken) =>
        await DataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
