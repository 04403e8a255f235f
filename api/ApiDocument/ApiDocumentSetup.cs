using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace WebKita.Api.ApiDocument;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) states what every operation really answers: its
/// success statuses (from each endpoint's <c>Produces</c>), and the problem details the pipeline
/// adds to every route of a kind: 400 (bad input), 404 (an unknown tenant, or an id the caller
/// may not see), 415 (a body that is not JSON), 401 and 403 (endpoints that need a sign-in), 409
/// (domain refusals of a change), 429 (rate limits), 503 (store unavailable or overloaded).
/// A test compares it with what the api answers every caller of the role matrix.
/// </summary>
public static class ApiDocumentSetup
{
    public const string BearerScheme = "bearer";

    public const string CookieScheme = "cookie";

    public static IServiceCollection AddWebKitaOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The accessToken of POST /auth/sign-in; one hour; ended by sign-out, a password change or DELETE /me.",
            };
            document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "webkita",
                Description = "The cookie of POST /auth/sign-in?useCookies=true (the web pages use it).",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            DescribeAnswers(operation, context);
            return Task.CompletedTask;
        });
    });

    private static void DescribeAnswers(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var signedIn = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var method = description.HttpMethod ?? "GET";
        operation.Responses ??= [];
        if (description.RelativePath?.StartsWith("api/v1/tenants/", StringComparison.Ordinal) == true)
        {
            Problem(operation, 400, "Bad input: the field and what is wrong (errors), or a code.");
            Problem(operation, 404, "No such tenant, or nothing the caller may see under this id.");
            Problem(operation, 503, "The store is unreachable or the grain overloaded; see Retry-After.");
        }

        if (description.ParameterDescriptions.Any(p => p.Source.Id == "Body"))
        {
            Problem(operation, 400, "Bad input: the field and what is wrong (errors), or a code.");
            Problem(operation, 415, "The body is not application/json.");
        }

        if (signedIn)
        {
            Problem(operation, 401, "Not signed in, or the session has ended.");
            Problem(operation, 403, "Signed in, but the role may not do this.");
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] });
        }

        if (method is "POST" or "PUT" or "DELETE" or "PATCH")
        {
            Problem(operation, 409, "Refused by the domain (the code says why, e.g. registration.closed).");
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            Problem(operation, 429, "Too many requests from this address or account; see Retry-After.");
        }
    }

    private static void Problem(OpenApiOperation operation, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = ProblemSchema() } },
        };
    }

    /// <summary>RFC 7807 problem details with our extensions: <c>code</c> (stable, for programs) and <c>errors</c> (per field).</summary>
    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };
}
