using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Api.Problems;

/// <summary>The HTTP status for an exception that reaches the pipeline: only bugs are 500.</summary>
public static class ExceptionStatus
{
    public static int For(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        StoreUnavailableException or SiloOverloadedException or Silo.Devices.BrokerUnavailableException => StatusCodes.Status503ServiceUnavailable,
        // A silo died and its grains are moving (or the call timed out and may have committed):
        // the caller retries with its idempotency key, as for a store outage.
        OrleansMessageRejectionException or SiloUnavailableException or TimeoutException => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
