using Microsoft.Extensions.Logging;

namespace WebKita.Grains.Common;

/// <summary>
/// A grain whose value lists and the audit log read from a read model: activates its
/// <see cref="Publication{T}"/> (adopting the old runtime's row or finishing an unconfirmed
/// publish) before its first call, then changes go through <see cref="ChangeAsync"/>. Keyed by a
/// Guid with the tenant as key extension unless <see cref="Subject"/> says otherwise.
/// </summary>
public abstract class PublishingGrain<T>(
    string kind, IPersistentState<PublishedState<T>> state, IReadModel<T> readModel, TimeProvider time, ILogger logger) : Grain
    where T : class
{
    private Publication<T> _publication = null!;

    protected T? Current => _publication.Current;

    protected TimeProvider Time => time;

    /// <summary>The tenant and the id the read model and the audit log know the value by.</summary>
    protected virtual (TenantId Tenant, Guid Id) Subject
    {
        get
        {
            var id = this.GetPrimaryKey(out var tenant);
            return (new TenantId(tenant!), id);
        }
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (tenant, id) = Subject;
        _publication = new Publication<T>(state, readModel, tenant, id, kind, DeactivateOnIdle, time, logger);
        return _publication.ActivateAsync(cancellationToken);
    }

    /// <summary>
    /// Creates the value unless there is one: a repeat with the same id refuses with
    /// <paramref name="existsCode"/> and changes nothing, so a create is idempotent by id.
    /// </summary>
    protected Task<Outcome<T>> CreateOnceAsync(Func<TenantId, Guid, Outcome<T>> create, string existsCode, string action, ChangedBy? by)
    {
        var (tenant, id) = Subject;
        return ChangeAsync(
            current => current is null ? create(tenant, id) : new Refusal(existsCode, $"{typeof(T).Name} {id} exists already."),
            action,
            by);
    }

    /// <summary>Decides on the current value, writes and publishes a change; see <see cref="Publication{T}.ChangeAsync"/>.</summary>
    protected Task<Outcome<T>> ChangeAsync(Func<T?, Outcome<T>> decide, string action, ChangedBy? by) =>
        _publication.ChangeAsync(decide, action, by, CancellationToken.None);
}
