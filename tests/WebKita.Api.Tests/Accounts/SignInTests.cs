using System.Net;
using System.Net.Http.Json;
using WebKita.Api.Accounts;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Accounts;

namespace WebKita.Api.Tests.Accounts;

public sealed class SignInTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly WebKitaClient _anonymous = fixture.Factory.CreateApiClient();

    [Fact]
    public async Task SignIn_RightPassword_ReturnsBearerTokenThatWorksOnMe()
    {
        var credentials = Credentials.New("token");
        await _anonymous.RegisterAsync(credentials);

        using var response = await _anonymous.Http.PostAsJsonAsync($"{_anonymous.Tenant}/auth/sign-in", new SignInRequest(credentials.Email, credentials.Password), ApiJson.Options);

        var body = await response.Content.ReadAsStringAsync();
        var token = await WebKitaClient.ReadAsync<TokenAnswer>(response, HttpStatusCode.OK);
        token.ExpiresIn.Should().Be(3600);
        body.Should().NotContain("refreshToken", "there is no refresh endpoint: a client signs in again");
        using var signedIn = fixture.Factory.CreateApiClient(token.AccessToken);
        (await MeAsync(signedIn)).Should().BeEquivalentTo(new { Email = credentials.Email, Role = Role.Family });
    }

    [Fact]
    public async Task SignIn_UseCookies_CookieWorksOnMeAndSignOutEndsIt()
    {
        var credentials = Credentials.New("keks");
        await _anonymous.RegisterAsync(credentials);
        using var browser = fixture.Factory.CreateApiClient(); // keeps cookies, as a browser does

        using var response = await browser.Http.PostAsJsonAsync($"{browser.Tenant}/auth/sign-in?useCookies=true", new SignInRequest(credentials.Email, credentials.Password), ApiJson.Options);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Set-Cookie").Should().ContainSingle(c => c.StartsWith("webkita=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.Ordinal));
        (await MeAsync(browser)).Email.Should().Be(credentials.Email);
        using (var signOut = await browser.Http.PostAsync($"{browser.Tenant}/auth/sign-out", null))
        {
            signOut.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var after = await browser.Http.GetAsync($"{browser.Tenant}/me");
        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_WrongPassword_Returns401SignInRefused()
    {
        var credentials = Credentials.New("falsch");
        await _anonymous.RegisterAsync(credentials);

        var wrong = await SignInStatusAsync(credentials with { Password = "Nicht-das-Passwort" });
        var unknown = await SignInStatusAsync(Credentials.New("unbekannt"));

        wrong.Should().Be((HttpStatusCode.Unauthorized, "sign_in.refused"));
        unknown.Should().Be(wrong, "an unknown e-mail gets the same answer as a wrong password");
    }

    [Fact]
    public async Task SignIn_AfterFiveFailures_RefusedEvenWithRightPasswordLikeAnUnknownEmail()
    {
        var credentials = Credentials.New("gesperrt");
        var unknown = Credentials.New("niemand");
        await _anonymous.RegisterAsync(credentials);

        var failures = new List<(HttpStatusCode, string?)>();
        var unknownFailures = new List<(HttpStatusCode, string?)>();
        for (var i = 0; i < Account.MaxFailedSignIns; i++)
        {
            failures.Add(await SignInStatusAsync(credentials with { Password = $"Falsches-Passwort-{i}" }));
            unknownFailures.Add(await SignInStatusAsync(unknown with { Password = $"Falsches-Passwort-{i}" }));
        }

        var rightPassword = await SignInStatusAsync(credentials);

        failures.Should().Equal(Enumerable.Repeat((HttpStatusCode.Unauthorized, (string?)"sign_in.refused"), Account.MaxFailedSignIns));
        unknownFailures.Should().Equal(failures, "whether an e-mail has an account must not show");
        rightPassword.Should().Be((HttpStatusCode.Unauthorized, "sign_in.refused"), "locked: the right password is refused too");
    }

    [Fact]
    public async Task ChangePassword_RightCurrentPassword_Returns204AndOnlyNewPasswordSignsIn()
    {
        var credentials = Credentials.New("wechsel");
        await _anonymous.RegisterAsync(credentials);
        using var signedIn = fixture.Factory.CreateApiClient(await _anonymous.SignInAsync(credentials));
        var changed = credentials with { Password = "Das-neue-Passwort-2" };

        using var wrongCurrent = await signedIn.Http.PutAsJsonAsync($"{signedIn.Tenant}/me/password", new ChangePasswordRequest("Nicht-das-alte-1", changed.Password), ApiJson.Options);
        using var response = await signedIn.Http.PutAsJsonAsync($"{signedIn.Tenant}/me/password", new ChangePasswordRequest(credentials.Password, changed.Password), ApiJson.Options);

        (await Problem.ReadAsync(wrongCurrent, HttpStatusCode.BadRequest)).Code.Should().Be("account.password_wrong");
        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await SignInStatusAsync(credentials)).Should().Be((HttpStatusCode.Unauthorized, "sign_in.refused"));
        (await _anonymous.SignInAsync(changed)).Should().NotBeNullOrEmpty();
    }

    private static async Task<AccountResponse> MeAsync(WebKitaClient client)
    {
        using var response = await client.Http.GetAsync($"{client.Tenant}/me");
        return await WebKitaClient.ReadAsync<AccountResponse>(response, HttpStatusCode.OK);
    }

    private async Task<(HttpStatusCode Status, string? Code)> SignInStatusAsync(Credentials credentials)
    {
        using var response = await _anonymous.Http.PostAsJsonAsync($"{_anonymous.Tenant}/auth/sign-in", new SignInRequest(credentials.Email, credentials.Password), ApiJson.Options);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.IsSuccessStatusCode ? null : Problem.Parse(body).Code);
    }
}
