using Microsoft.AspNetCore.Diagnostics;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Api.Problems;

/// <summary>
/// A store or broker that is down, or a grain queue that is full, is a temporary state, not a server bug:
/// 503 with Retry-After, so clients retry with their idempotency key instead of giving up.
/// </summary>
public sealed class UnavailableStoreHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (ExceptionStatus.For(exception) != StatusCodes.Status503ServiceUnavailable)
        {
            return false;
        }

        var detail = exception switch
        {
            StoreUnavailableException => "The database cannot be reached right now. Nothing was lost; please try again.",
            SiloOverloadedException => "Too many requests are waiting for this offering right now; please try again.",
            Silo.Devices.BrokerUnavailableException => "The MQTT broker cannot be reached right now; nothing was changed there. Please try again.",
            OrleansMessageRejectionException or SiloUnavailableException or TimeoutException =>
                "A server of the cluster went away and its work is moving to another; please try again with the same Idempotency-Key.",
            _ => "A service this request needs is unavailable right now; please try again.",
        };

        httpContext.Response.Headers.RetryAfter = "2";
        return await problems.TryWriteAsync(new()
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = 503, Title = "Temporarily unavailable", Detail = detail },
            Exception = exception,
        });
    }
}
