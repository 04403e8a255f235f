using System.Net;
using System.Net.Http.Json;
using WebKita.Api.Accounts;
using WebKita.Api.Tests.Support;

namespace WebKita.Api.Tests.Accounts;

/// <summary>Sign-out, a password change and erasure end every token and cookie of the account at once.</summary>
public sealed class SessionRevocationTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task SignOut_WithBearerToken_ThatTokenStopsWorkingOtherDevicesStaySignedIn()
    {
        using var family = await SignedInFamily.RegisterAsync(fixture.Factory, "Abmelden");
        using var otherDevice = fixture.Factory.CreateApiClient(await fixture.Factory.SignInAsync(family.Credentials));

        using var signOut = await family.Client.Http.PostAsync($"{family.Client.Tenant}/auth/sign-out", null);

        signOut.IsSuccessStatusCode.Should().BeTrue();
        (await MeStatusAsync(family.Client)).Should().Be(HttpStatusCode.Unauthorized);
        (await MeStatusAsync(otherDevice)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ChangePassword_OldTokensStopWorking()
    {
        using var family = await SignedInFamily.RegisterAsync(fixture.Factory, "Wechsel");
        using var cookieBrowser = fixture.Factory.CreateApiClient();
        using (var cookie = await cookieBrowser.Http.PostAsJsonAsync(
            $"{cookieBrowser.Tenant}/auth/sign-in?useCookies=true", new SignInRequest(family.Credentials.Email, family.Credentials.Password), ApiJson.Options))
        {
            cookie.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var changed = await family.Client.Http.PutAsJsonAsync(
            $"{family.Client.Tenant}/me/password", new ChangePasswordRequest(family.Credentials.Password, "Das-neue-Passwort-2"), ApiJson.Options);

        changed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await MeStatusAsync(family.Client)).Should().Be(HttpStatusCode.Unauthorized);
        (await MeStatusAsync(cookieBrowser)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DeleteMe_TokenStopsWorking()
    {
        using var family = await SignedInFamily.RegisterAsync(fixture.Factory, "Loeschen");

        using var deleted = await family.Client.Http.DeleteAsync($"{family.Client.Tenant}/me");

        deleted.IsSuccessStatusCode.Should().BeTrue();
        (await MeStatusAsync(family.Client)).Should().Be(HttpStatusCode.Unauthorized);
        using var export = await family.Client.Http.GetAsync($"{family.Client.Tenant}/me/export");
        export.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static async Task<HttpStatusCode> MeStatusAsync(WebKitaClient client)
    {
        using var response = await client.Http.GetAsync($"{client.Tenant}/me");
        return response.StatusCode;
    }
}
