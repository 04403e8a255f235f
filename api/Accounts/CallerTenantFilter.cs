using Microsoft.AspNetCore.Authorization;

namespace WebKita.Api.Accounts;

/// <summary>
/// A signed-in caller acts only in the tenant of its account. Handlers act on the caller's tenant
/// (its claims), so a call naming another tenant in the path would act on the caller's own data
/// under a foreign address: every endpoint that needs a sign-in answers 404 to it instead, as for
/// an id the caller may not see. Anonymous endpoints are public in every tenant and pass.
/// </summary>
public sealed class CallerTenantFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null
            && Caller.From(http.User) is { } caller
            && !caller.IsIn(http.Request.RouteValues["tenant"] as string ?? ""))
        {
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound, title: "Unknown tenant", detail: "The signed-in account belongs to another tenant."));
        }

        return next(context);
    }
}
