namespace WebKita.Silo.Storage;

/// <summary>
/// The store could not be reached or failed mid-operation. Transient: the same call may succeed
/// later. Whether a commit that failed this way took effect is unknown, so callers retry with
/// their idempotency key rather than assume either way.
/// </summary>
public sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner)
{
    public bool IsTransient => true;
}
