using WebKita.Grains.Common;

namespace WebKita.Api.Problems;

/// <summary>Refuses a malformed tenant id before any handler runs, so handlers can rely on a valid <see cref="TenantId"/>.</summary>
public sealed class TenantFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        TenantId.IsValid(context.HttpContext.Request.RouteValues["tenant"] as string)
            ? next(context)
            : ValueTask.FromResult<object?>(TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound, title: "Unknown tenant", detail: "A tenant id is 2 to 40 characters of a-z, 0-9 and '-'."));
}
