using System.Net;
using System.Net.Http.Json;
using WebKita.Api.Accounts;
using WebKita.Api.Tests.Support;

namespace WebKita.Api.Tests.Accounts;

/// <summary>Its own api, with the sign-in limit low enough to reach.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const int SignInsPerMinute = 3;

    private WebKitaApiFactory? _factory;

    public async Task InitializeAsync() =>
        _factory = await WebKitaApiFactory.CreateAsync(new Dictionary<string, string> { ["RateLimits:SignInsPerAddressPerMinute"] = $"{SignInsPerMinute}" });

    public async Task DisposeAsync() => await _factory!.DisposeAsync();

    [Fact]
    public async Task SignIn_OneMoreThanLimitFromOneAddress_Returns429WithRetryAfter()
    {
        using var client = _factory!.CreateApiClient();
        var within = new List<HttpStatusCode>();
        for (var i = 0; i < SignInsPerMinute; i++)
        {
            using var allowed = await SignInAsync(client);
            within.Add(allowed.StatusCode);
        }

        using var response = await SignInAsync(client);

        within.Should().Equal(Enumerable.Repeat(HttpStatusCode.OK, SignInsPerMinute));
        (await Problem.ReadAsync(response, HttpStatusCode.TooManyRequests)).Status.Should().Be(429);
        response.Headers.RetryAfter.Should().NotBeNull();
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(60));
    }

    private static Task<HttpResponseMessage> SignInAsync(WebKitaClient client) =>
        client.Http.PostAsJsonAsync($"{client.Tenant}/auth/sign-in", new SignInRequest(Credentials.Admin.Email, Credentials.Admin.Password), ApiJson.Options);
}
