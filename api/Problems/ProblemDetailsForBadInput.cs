using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace WebKita.Api.Problems;

/// <summary>
/// Says what was wrong with a request the framework could not bind (malformed JSON, a wrong
/// type), so a client developer is not left with a bare "Bad Request". The framework's messages
/// name our internal types (<c>WebKita.Api.Offerings.OfferingRequest</c>); they are never passed
/// on: a JSON error is told by its path and position, any other by the framework's message only
/// when it names no type of ours.
/// </summary>
public static class ProblemDetailsForBadInput
{
    public static void Describe(ProblemDetailsContext context)
    {
        if (context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad)
        {
            context.ProblemDetails.Title = "The request could not be read.";
            context.ProblemDetails.Detail = bad.InnerException is JsonException json
                ? $"The body is not what this operation reads at {json.Path ?? "$"} (line {(json.LineNumber ?? 0) + 1}, byte {json.BytePositionInLine ?? 0}): check that value's type and format."
                : bad.Message.Contains("WebKita", StringComparison.Ordinal) || bad.InnerException is not null
                    ? "A parameter or the body has the wrong format."
                    : bad.Message;
            context.ProblemDetails.Extensions["code"] = "request.malformed";
        }
    }
}
