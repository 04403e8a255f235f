using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using WebKita.Api.Accounts;
using WebKita.Api.Tests.Support;

namespace WebKita.Api.Tests.Hosting;

public sealed class SecurityHeaderTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task AnyAnswer_Anonymous_NosniffAndCacheable()
    {
        using var anonymous = api.Factory.CreateApiClient();

        using var schools = await anonymous.Http.GetAsync($"{anonymous.Tenant}/schools");
        using var missing = await anonymous.Http.GetAsync($"{anonymous.Tenant}/schools/{Guid.NewGuid()}");
        using var openApi = await anonymous.Http.GetAsync("/openapi/v1.json");

        foreach (var response in new[] { schools, missing, openApi })
        {
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        }

        schools.Headers.CacheControl?.NoStore.Should().NotBe(true, "the list of schools is public");
    }

    [Fact]
    public async Task PersonalData_SignedInOrSignIn_NoStore()
    {
        using var family = await SignedInFamily.RegisterAsync(api.Factory, "Cache");
        using var anonymous = api.Factory.CreateApiClient();

        using var me = await family.Client.Http.GetAsync($"{family.Client.Tenant}/me");
        using var applications = await family.Client.Http.GetAsync($"{family.Client.Tenant}/me/applications");
        using var audit = await api.Admin.Http.GetAsync($"{api.Admin.Tenant}/audit");
        using var signIn = await anonymous.Http.PostAsJsonAsync(
            $"{anonymous.Tenant}/auth/sign-in", new SignInRequest(family.Credentials.Email, family.Credentials.Password), ApiJson.Options);

        foreach (var response in new[] { me, applications, audit, signIn })
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Headers.CacheControl!.NoStore.Should().BeTrue("{0} carries personal data", response.RequestMessage!.RequestUri);
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        }
    }

    [Fact]
    public async Task CookieSignIn_OverHttps_CookieIsSecure()
    {
        using var https = api.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        using var response = await https.PostAsJsonAsync(
            $"/api/v1/tenants/{WebKitaClient.DefaultTenant}/auth/sign-in?useCookies=true", new SignInRequest(Credentials.Admin.Email, Credentials.Admin.Password), ApiJson.Options);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Set-Cookie").Should().ContainSingle(c => c.StartsWith("webkita=", StringComparison.Ordinal))
            .Which.Should().Contain("secure").And.Contain("httponly").And.Contain("samesite=strict");
    }
}
