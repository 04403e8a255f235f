using WebKita.Silo.Storage;

namespace WebKita.Silo.Runtime;

/// <summary>
/// How every activation runs a turn: a stale write means another process changed the grain
/// first, so the cached state is dropped and the turn decided again on fresh state (safe,
/// because grain code is pure). Any other failure drops the cache too: a failed commit may or
/// may not have taken effect, and only the store knows now.
/// </summary>
internal static class StaleRetry
{
    public const int MaxAttempts = 20;

    public static async Task<T> RunAsync<T>(Func<Task<T>> turn, Action dropCache)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await turn();
            }
            catch (StaleWriteException) when (attempt < MaxAttempts)
            {
                dropCache();
            }
            catch (StaleWriteException e)
            {
                // Other processes keep winning this grain: a temporary state, answered as 503.
                dropCache();
                throw new SiloOverloadedException($"Gave up after {MaxAttempts} version conflicts on {e.Key}; try again shortly.");
            }
            catch
            {
                dropCache();
                throw;
            }
        }
    }
}
