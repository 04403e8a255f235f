using WebKita.Silo.Storage;

namespace WebKita.Silo.Runtime;

/// <summary>
/// Group commit puts many callers' requests into one transaction, so one request the store cannot
/// hold (a string PostgreSQL refuses, a value out of a column's range) would fail every caller of
/// its batch. A failure that is not about the store being unreachable or the silo stopping is
/// taken to be about a request: the batch is then decided and committed again one request at a
/// time, so only the requests that fail alone fail. Safe because deciding is pure and a failed
/// commit changed nothing.
/// </summary>
public static class BatchFailure
{
    /// <summary>True when retrying the batch's requests one by one may let the innocent ones through.</summary>
    public static bool MayBeOneRequests(Exception exception) =>
        exception is not (StoreUnavailableException or StaleWriteException or SiloOverloadedException or OperationCanceledException or ObjectDisposedException);
}
