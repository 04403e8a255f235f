using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WebKita.Api.Tests.Support;
using Xunit.Abstractions;

namespace WebKita.Api.Tests.Authorization;

public sealed class AuthorizationMatrixTests(AuthorizationWorld world, ITestOutputHelper output) : IClassFixture<AuthorizationWorld>
{
    public static TheoryData<string> Endpoints => [.. AuthorizationMatrix.Rules.Select(r => r.Endpoint)];

    [Fact]
    public void RouteTable_EveryEndpoint_HasAMatrixRule()
    {
        var routed = world.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(Names)
            .ToList();
        var ruled = AuthorizationMatrix.Rules.Select(r => r.Endpoint).ToList();

        routed.Should().OnlyHaveUniqueItems();
        ruled.Should().OnlyHaveUniqueItems();
        routed.Except(ruled).Should().BeEmpty("every endpoint needs a row in AuthorizationMatrix saying who may call it");
        ruled.Except(routed).Should().BeEmpty("a rule for an endpoint that no longer exists is stale");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Call_EveryCaller_AllowedOrDeniedAsTheMatrixSays(string endpoint)
    {
        var rule = AuthorizationMatrix.Rules.Single(r => r.Endpoint == endpoint);
        var documented = await DocumentedStatusesAsync(endpoint);
        var wrong = new List<string>();
        foreach (var who in Enum.GetValues<Who>())
        {
            using var client = world.Factory.CreateClient();
            using var request = MatrixRequests.For(endpoint, who, world);
            if (world.TokenOf(who) is { } token && request.Headers.Authorization is null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            var expected = rule.For(who);
            output.WriteLine($"{who,-16} {expected,-5} {status}");
            var asExpected = expected switch
            {
                Access.Allow => status is >= 200 and < 300 or (>= 400 and < 500 and not (401 or 403 or 404 or 429))
                    || (status == 503 && Problem.Parse(body).Code == "broker.not_configured"), // let in, then told the world has no broker
                _ when who == Who.Anonymous && IsPage(endpoint) => response.RequestMessage!.RequestUri!.AbsolutePath == "/konto/anmelden",
                _ when who == Who.Anonymous => status == 401,
                _ => status is 403 or 404,
            };
            if (!asExpected)
            {
                wrong.Add($"{who}: expected {expected}, got {status} {body}");
            }

            if (documented is not null && !documented.Contains(status.ToString(CultureInfo.InvariantCulture)))
            {
                wrong.Add($"{who}: answered {status}, which the OpenAPI document does not list for this operation ({string.Join(", ", documented)})");
            }
        }

        wrong.Should().BeEmpty("{0} must answer every caller as the matrix says", endpoint);
    }

    /// <summary>
    /// The statuses the OpenAPI document lists for the endpoint's operation; null for pages and
    /// other routes outside the document (the test fails for an api route missing from it).
    /// </summary>
    private async Task<IReadOnlyCollection<string>?> DocumentedStatusesAsync(string endpoint)
    {
        var method = endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)];
        var pattern = endpoint[(method.Length + 1)..];
        if (IsPage(endpoint) || !pattern.StartsWith('~'))
        {
            return null;
        }

        using var client = world.Factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var path = Regex.Replace(AuthorizationMatrix.TenantPrefix + pattern[1..], @"\{(\w+)(:[^}]*)?\}", "{$1}").TrimEnd('/'); // the document drops trailing slashes
        document.RootElement.GetProperty("paths").TryGetProperty(path, out var item).Should().BeTrue("{0} must be in the OpenAPI document", path);
        item.TryGetProperty(method.ToLowerInvariant(), out var operation).Should().BeTrue("{0} {1} must be in the OpenAPI document", method, path);
        return [.. operation.GetProperty("responses").EnumerateObject().Select(r => r.Name)];
    }

    /// <summary>
    /// A page: its route has no leading slash, or it is the Orleans Dashboard (a browser UI, so
    /// outside /api). The client follows the redirect of a refused anonymous visitor to the sign-in page.
    /// </summary>
    private static bool IsPage(string endpoint) => endpoint[(endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..] is var pattern
        && ((!pattern.StartsWith('/') && !pattern.StartsWith('~')) || pattern.StartsWith("/dashboard/", StringComparison.Ordinal));

    /// <summary>"METHOD pattern" for each method the endpoint answers, with the tenant prefix shortened to "~".</summary>
    private static IEnumerable<string> Names(RouteEndpoint endpoint)
    {
        var pattern = endpoint.RoutePattern.RawText ?? throw new InvalidOperationException($"Endpoint {endpoint.DisplayName} has no route pattern text.");
        if (pattern.StartsWith(AuthorizationMatrix.TenantPrefix, StringComparison.Ordinal))
        {
            pattern = "~" + pattern[AuthorizationMatrix.TenantPrefix.Length..];
        }

        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
        return methods.Count == 0 ? [$"* {pattern}"] : methods.Select(m => $"{m} {pattern}");
    }
}
