using WebKita.Api.Tenants;

namespace WebKita.Api.Problems;

/// <summary>
/// Refuses a tenant the installation does not serve before any handler runs, so handlers can rely
/// on a valid, existing <see cref="Grains.Common.TenantId"/>. A malformed and an unknown tenant answer alike.
/// </summary>
public sealed class TenantFilter(TenantCatalog tenants) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        tenants.Contains(context.HttpContext.Request.RouteValues["tenant"] as string)
            ? next(context)
            : ValueTask.FromResult<object?>(TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound, title: "Unknown tenant", detail: "This installation serves no such tenant."));
}
