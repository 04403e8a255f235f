namespace WebKita.Api.Hosting;

/// <summary>
/// A body sent with a content type no endpoint of the route reads answers 415 with a problem,
/// before authentication and authorization. Routing picks a bare rejection endpoint for such a
/// request; that endpoint has no authorization rule of its own, so the fallback policy denied it
/// (401/403) and sent the client looking for a permission problem instead of its content type.
/// </summary>
public static class JsonContentType
{
    // The display name ASP.NET Core routing gives the endpoint it selects when the content type matches no endpoint (AcceptsMatcherPolicy).
    private const string RejectionEndpoint = "415 HTTP Unsupported Media Type";

    public static IApplicationBuilder UseJsonContentType(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.DisplayName == RejectionEndpoint)
        {
            await TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content type.",
                detail: "Send the body as application/json.",
                extensions: new Dictionary<string, object?> { ["code"] = "request.unsupported_media_type" }).ExecuteAsync(context);
            return;
        }

        await next(context);
    });
}
