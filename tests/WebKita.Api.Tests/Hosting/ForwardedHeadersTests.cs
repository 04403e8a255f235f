using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WebKita.Api.Accounts;
using WebKita.Api.Tests.Support;

namespace WebKita.Api.Tests.Hosting;

/// <summary>
/// Rate limits per client address behind a reverse proxy: the in-memory server has no peer, so a
/// startup filter gives each request the peer address its test header names.
/// </summary>
public sealed class ForwardedHeadersTests : IAsyncLifetime
{
    private const string Proxy = "10.0.0.5";
    private const string Peer = "X-Test-Peer";
    private WebKitaApiFactory _factory = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _api = null!;

    public async Task InitializeAsync()
    {
        _factory = await WebKitaApiFactory.CreateAsync(new Dictionary<string, string>
        {
            ["ForwardedHeaders:KnownProxies:0"] = Proxy,
            ["RateLimits:SignInsPerAddressPerMinute"] = "2",
        });
        _api = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, PeerFromHeader>()));
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task SignIn_ThroughKnownProxy_LimitedPerForwardedClient()
    {
        (await SignInsAsync(Proxy, "203.0.113.1", 3)).Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests);
        (await SignInsAsync(Proxy, "203.0.113.2", 1)).Should().Equal(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_ForwardedHeaderFromUnknownPeer_Ignored()
    {
        (await SignInsAsync("10.0.0.9", "203.0.113.3", 2)).Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized);
        (await SignInsAsync("10.0.0.9", "203.0.113.4", 1)).Should().Equal([HttpStatusCode.TooManyRequests], "a client cannot pick its own address");
    }

    private async Task<List<HttpStatusCode>> SignInsAsync(string peer, string forwardedFor, int count)
    {
        using var client = _api.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenants/{WebKitaClient.DefaultTenant}/auth/sign-in")
            {
                Content = JsonContent.Create(new SignInRequest("niemand@test.example", "falsches-Passwort-1"), options: ApiJson.Options),
                Headers = { { Peer, peer }, { "X-Forwarded-For", forwardedFor } },
            };
            using var response = await client.SendAsync(request);
            answers.Add(response.StatusCode);
        }

        return answers;
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[Peer].ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
