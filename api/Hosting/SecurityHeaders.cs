namespace WebKita.Api.Hosting;

/// <summary>
/// <c>X-Content-Type-Options: nosniff</c> on every answer, so no browser runs a CSV or JSON answer
/// as script; <c>Cache-Control: no-store</c> on every answer to a signed-in caller and on
/// <c>/auth</c> (tokens), since those are the answers that carry personal data (<c>/me</c>,
/// applications, accounts, CSV, audit) and no shared or browser cache may keep them.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (context.User.Identity?.IsAuthenticated == true || context.Request.Path.Value?.Contains("/auth/", StringComparison.Ordinal) == true)
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next(context);
    });
}
