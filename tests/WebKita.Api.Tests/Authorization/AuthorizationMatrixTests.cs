using System.Net.Http.Headers;
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
        }

        wrong.Should().BeEmpty("{0} must answer every caller as the matrix says", endpoint);
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
