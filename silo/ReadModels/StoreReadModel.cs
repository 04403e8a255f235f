using WebKita.Grains.Common;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.ReadModels;

/// <summary>
/// A grain kind's read model in the store's grains table: the row the runtime before Orleans kept
/// as the grain's state (same kind, same JSON), so lists and earlier data read as before. The audit
/// notes go in the same transaction as the row, so a publish is all or nothing.
/// </summary>
public sealed class StoreReadModel<T>(IGrainStore store, string kind, Func<T, Guid?>? parentOf = null) : IReadModel<T>
    where T : class
{
    public async Task<ReadModelRow<T>?> ReadAsync(TenantId tenant, Guid id, CancellationToken cancellationToken) =>
        await store.ReadAsync(new GrainKey(tenant.Value, kind, id), cancellationToken) is { } stored
            ? new ReadModelRow<T>(stored.Version, GrainJson.Deserialize<T>(stored.State))
            : null;

    public async Task<bool> PublishAsync(
        TenantId tenant, Guid id, long expectedVersion, T value, IReadOnlyList<AuditNote> audit, CancellationToken cancellationToken)
    {
        var write = new GrainWrite(new GrainKey(tenant.Value, kind, id), expectedVersion, GrainJson.Serialize(value), parentOf?.Invoke(value));
        var entries = audit
            .Select(n => new AuditEntry(tenant.Value, n.ActorId, n.ActorRole, n.Action, n.SubjectKind, n.SubjectId, n.Reason, n.At, "{}"))
            .ToList();
        try
        {
            await store.CommitAsync(new ChangeSet([write], [], [], [], entries), cancellationToken);
            return true;
        }
        catch (StaleWriteException)
        {
            return false;
        }
    }

    /// <summary>Every row of the kind in a tenant (lists).</summary>
    public Task<IReadOnlyList<T>> ListAsync(TenantId tenant, CancellationToken cancellationToken) => ListAsync(tenant, null, cancellationToken);

    /// <summary>The rows of the kind in a tenant, or only those under <paramref name="parentId"/> (its <c>parentOf</c>).</summary>
    public async Task<IReadOnlyList<T>> ListAsync(TenantId tenant, Guid? parentId, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(tenant.Value, kind, parentId, cancellationToken)).Select(s => GrainJson.Deserialize<T>(s.State))];
}
