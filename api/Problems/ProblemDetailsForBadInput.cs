using Microsoft.AspNetCore.Diagnostics;

namespace WebKita.Api.Problems;

/// <summary>
/// Says what was wrong with a request the framework could not bind (malformed JSON, a wrong
/// type), so a client developer is not left with a bare "Bad Request". Only the framework's own
/// messages are passed on; they name the field and position, never server internals.
/// </summary>
public static class ProblemDetailsForBadInput
{
    public static void Describe(ProblemDetailsContext context)
    {
        if (context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad)
        {
            context.ProblemDetails.Title = "The request could not be read.";
            context.ProblemDetails.Detail = bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message;
            context.ProblemDetails.Extensions["code"] = "request.malformed";
        }
    }
}
