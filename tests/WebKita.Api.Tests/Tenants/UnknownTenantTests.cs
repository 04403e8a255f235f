using System.Net;
using System.Net.Http.Json;
using WebKita.Api.Accounts;
using WebKita.Api.Tests.Support;

namespace WebKita.Api.Tests.Tenants;

/// <summary>Only the tenants the installation is configured for exist; any other id answers 404 and stores nothing.</summary>
public sealed class UnknownTenantTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Register_UnknownTenant_AnswersNotFoundAndOpensNoAccount()
    {
        using var stranger = new WebKitaClient(api.Factory.CreateClient(), "no-such-county");
        var credentials = Credentials.New("fremd");

        using var registered = await stranger.Http.PostAsJsonAsync($"{stranger.Tenant}/auth/register", new RegisterRequest(credentials.Email, credentials.Password, "Familie Fremd"), ApiJson.Options);
        using var signIn = await stranger.Http.PostAsJsonAsync($"{stranger.Tenant}/auth/sign-in", new SignInRequest(credentials.Email, credentials.Password), ApiJson.Options);
        using var schools = await stranger.Http.GetAsync($"{stranger.Tenant}/schools");

        (await Problem.ReadAsync(registered, HttpStatusCode.NotFound)).Title.Should().Be("Unknown tenant");
        signIn.StatusCode.Should().Be(HttpStatusCode.NotFound);
        schools.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Schools_ConfiguredTenants_AnswerOk()
    {
        using var anonymous = api.Factory.CreateApiClient();
        using var second = new WebKitaClient(api.Factory.CreateClient(), ApiSettings.SecondTenant);

        (await anonymous.Http.GetAsync($"{anonymous.Tenant}/schools")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.Http.GetAsync($"{second.Tenant}/schools")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Start_BootstrapEmailAlreadyAFamily_ServesEveryTenant()
    {
        var taken = Credentials.New("vorher");
        using (var family = api.Factory.CreateApiClient())
        {
            await family.RegisterAsync(taken);
        }

        await using var restarted = new WebKitaApiFactory(api.Factory.ConnectionString, new Dictionary<string, string>
        {
            ["Bootstrap:AdminEmail"] = taken.Email,
            ["Bootstrap:AdminPassword"] = "Ein-anderes-Passwort-2",
        });
        using var client = restarted.CreateApiClient();

        (await client.Http.GetAsync($"{client.Tenant}/schools")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.SignInAsync(taken)).Should().NotBeEmpty();
    }
}
