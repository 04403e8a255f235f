using System.Data.Common;

namespace WebKita.Silo.Cluster.Relational;

/// <summary>
/// A SQL database that holds the grain state and reminders of one service (SQLite or PostgreSQL).
/// The schema is created on first use, once per process; creating it is idempotent.
/// Thread-safe.
/// </summary>
public abstract class ClusterStore(string serviceId)
{
    private Task? _created;
    private readonly Lock _lock = new();

    /// <summary>Rows of other services in the same database are never read or written.</summary>
    public string ServiceId { get; } = serviceId;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        return await ConnectAsync(cancellationToken);
    }

    protected abstract Task<DbConnection> ConnectAsync(CancellationToken cancellationToken);

    protected abstract Task CreateSchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    private Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            // A failed attempt (store down at start) is forgotten, so the next call tries again.
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = CreateAsync(cancellationToken);
            }

            return _created;
        }
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await CreateSchemaAsync(connection, cancellationToken);
    }
}
