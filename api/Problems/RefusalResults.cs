using WebKita.Grains.Common;

namespace WebKita.Api.Problems;

/// <summary>Turns a grain's refusal into RFC 7807 problem details; the reason code travels as "code".</summary>
public static class RefusalResults
{
    public static IResult ToProblem(this Refusal refusal)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = refusal.Code };
        if (refusal.Fields is { Count: > 0 } fields)
        {
            var errors = fields.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray());
            return TypedResults.ValidationProblem(errors, refusal.Message, title: "The request is not valid.", extensions: extensions);
        }

        return TypedResults.Problem(statusCode: StatusFor(refusal.Code), title: refusal.Message, extensions: extensions);
    }

    public static IResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Input the api itself refuses before any grain sees it; code "request.invalid".</summary>
    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is not valid.", extensions: new Dictionary<string, object?> { ["code"] = "request.invalid" });

    private static int StatusFor(string code) => code switch
    {
        _ when code.EndsWith(".not_found", StringComparison.Ordinal) => StatusCodes.Status404NotFound,
        _ when code.EndsWith(".invalid", StringComparison.Ordinal) => StatusCodes.Status422UnprocessableEntity,
        "idempotency_key.reused" => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status409Conflict,
    };
}
