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
