namespace WebKita.Grains.Common;

/// <summary>
/// Where a grain publishes its state for lists and queries (Orleans is not a query engine), and
/// its audit notes with it. Each grain is the only writer of its own row, so the row's version
/// tells the grain whether a publish it could not confirm did happen. Thread-safe.
/// </summary>
public interface IReadModel<T>
    where T : class
{
    Task<ReadModelRow<T>?> ReadAsync(TenantId tenant, Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the row if it is still at <paramref name="expectedVersion"/> (0: no row yet) and
    /// appends <paramref name="audit"/>, all or nothing. False when the row is at another version.
    /// </summary>
    Task<bool> PublishAsync(TenantId tenant, Guid id, long expectedVersion, T value, IReadOnlyList<AuditNote> audit, CancellationToken cancellationToken);
}
