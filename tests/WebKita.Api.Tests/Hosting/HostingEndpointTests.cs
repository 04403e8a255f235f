using System.Net;
using System.Text.Json;
using WebKita.Api.Tests.Support;

namespace WebKita.Api.Tests.Hosting;

public sealed class HostingEndpointTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly WebKitaClient _client = fixture.Factory.CreateApiClient();

    [Fact]
    public async Task GetOpenApiDocument_Default_ListsApplicationEndpoints()
    {
        using var response = await _client.Http.GetAsync("/openapi/v1.json");

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        using var document = JsonDocument.Parse(body);
        var paths = document.RootElement.GetProperty("paths");
        var operations = paths.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateObject().Select(o => o.Name).ToArray());
        operations.Should().ContainKey("/api/v1/tenants/{tenant}/offerings/{offeringId}/applications")
            .WhoseValue.Should().BeEquivalentTo("get", "post");
        operations.Should().ContainKey("/api/v1/tenants/{tenant}/applications/{id}").WhoseValue.Should().Equal("get");
        operations.Should().ContainKey("/api/v1/tenants/{tenant}/applications/{id}/withdraw").WhoseValue.Should().Equal("post");
    }

    [Fact]
    public async Task GetOpenApiDocument_Default_SecuritySchemesAndProblemAnswersDocumented()
    {
        using var document = JsonDocument.Parse(await _client.Http.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;

        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("bearer").GetProperty("scheme").GetString().Should().Be("bearer");
        schemes.GetProperty("cookie").GetProperty("in").GetString().Should().Be("cookie");
        var create = root.GetProperty("paths").GetProperty("/api/v1/tenants/{tenant}/schools").GetProperty("post");
        create.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().BeEquivalentTo("200", "201", "400", "401", "403", "404", "409", "415", "503"); // 200: the same request again
        create.GetProperty("responses").GetProperty("415").GetProperty("content").TryGetProperty("application/problem+json", out _).Should().BeTrue();
        create.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name)).Should().Equal("bearer", "cookie");
        var list = root.GetProperty("paths").GetProperty("/api/v1/tenants/{tenant}/schools").GetProperty("get");
        list.TryGetProperty("security", out _).Should().BeFalse("anyone may list schools");
        list.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().BeEquivalentTo("200", "400", "404", "503");
    }

    /// <summary>Answers that are not one JSON value: files, a stream, HTML pages, the GDPR export (a document of its own), sign-out.</summary>
    private static readonly string[] NotJson =
    [
        "get /api/v1/tenants/{tenant}/schools/{schoolId}/placements.csv", "get /api/v1/tenants/{tenant}/buildings/{id}/qr-sheet.svg",
        "get /api/v1/tenants/{tenant}/tickets/{number}/photos/{name}", "get /api/v1/tenants/{tenant}/alerts/stream",
        "get /api/v1/tenants/{tenant}/mail/unsubscribe", "post /api/v1/tenants/{tenant}/mail/unsubscribe",
        "get /api/v1/tenants/{tenant}/me/export", "post /api/v1/tenants/{tenant}/auth/sign-out",
    ];

    [Fact]
    public async Task GetOpenApiDocument_Default_EveryJsonSuccessOfTheApiHasASchema()
    {
        using var document = JsonDocument.Parse(await _client.Http.GetStringAsync("/openapi/v1.json"));

        var withoutSchema = document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(path => path.Name.StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Name: $"{operation.Name} {path.Name}", Operation: operation.Value)))
            .Where(o => !NotJson.Contains(o.Name))
            .SelectMany(o => o.Operation.GetProperty("responses").EnumerateObject()
                .Where(r => r.Name is ['2', _, _] and not ("202" or "204") && !r.Value.TryGetProperty("content", out _))
                .Select(r => $"{o.Name} {r.Name}"))
            .ToList();

        withoutSchema.Should().BeEmpty();
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task GetHealth_StoreReachable_Returns200Healthy(string path)
    {
        using var response = await _client.Http.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }
}
