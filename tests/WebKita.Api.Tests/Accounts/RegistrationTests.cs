using System.Net;
using System.Net.Http.Json;
using WebKita.Api.Accounts;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Accounts;

namespace WebKita.Api.Tests.Accounts;

public sealed class RegistrationTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly WebKitaClient _anonymous = fixture.Factory.CreateApiClient();

    [Fact]
    public async Task Register_NewEmail_Returns201FamilyAccountWithNormalizedEmail()
    {
        var credentials = Credentials.New("Neu");

        using var response = await _anonymous.Http.PostAsJsonAsync(
            $"{_anonymous.Tenant}/auth/register", new RegisterRequest($" {credentials.Email.ToUpperInvariant()} ", credentials.Password, " Familie Neu "), ApiJson.Options);

        var account = await WebKitaClient.ReadAsync<AccountResponse>(response, HttpStatusCode.Created);
        account.Should().BeEquivalentTo(new { Email = credentials.Email.ToLowerInvariant(), Role = Role.Family, DisplayName = "Familie Neu", Children = Array.Empty<FamilyChild>() });
        response.Headers.Location.Should().Be(new Uri($"{_anonymous.Tenant}/me", UriKind.Relative));
    }

    [Fact]
    public async Task Register_SameEmailInOtherCase_Returns409AccountExists()
    {
        var credentials = Credentials.New("doppelt");
        await _anonymous.RegisterAsync(credentials);

        using var response = await _anonymous.Http.PostAsJsonAsync(
            $"{_anonymous.Tenant}/auth/register", new RegisterRequest(credentials.Email.ToUpperInvariant(), "Ein-anderes-Passwort-2", "Familie Doppelt"), ApiJson.Options);

        (await Problem.ReadAsync(response, HttpStatusCode.Conflict)).Code.Should().Be("account.exists");
    }

    [Fact]
    public async Task Register_WeakPassword_Returns400WithPasswordError()
    {
        using var response = await _anonymous.Http.PostAsJsonAsync(
            $"{_anonymous.Tenant}/auth/register", new RegisterRequest(Credentials.New("schwach").Email, "123456789", "Familie Schwach"), ApiJson.Options);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("request.invalid");
        problem.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(KeyValuePair.Create("password", new[] { "must be 10 to 200 characters" }));
    }
}
