using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WebKita.Api.Accounts;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Accounts;
using WebKita.Silo.Accounts;
using WebKita.Silo.Runtime;

namespace WebKita.Api.Tests.Accounts;

public sealed class RegistrationTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly WebKitaClient _anonymous = fixture.Factory.CreateApiClient();

    [Fact]
    public async Task Register_NewEmail_Returns202AndOpensFamilyAccountWithNormalizedEmail()
    {
        var credentials = Credentials.New("Neu");

        using var response = await _anonymous.Http.PostAsJsonAsync(
            $"{_anonymous.Tenant}/auth/register", new RegisterRequest($" {credentials.Email.ToUpperInvariant()} ", credentials.Password, " Familie Neu "), ApiJson.Options);

        (await WebKitaClient.ReadAsync<RegistrationResponse>(response, HttpStatusCode.Accepted)).Should().Be(RegistrationResponse.Received);
        using var signedIn = fixture.Factory.CreateApiClient(await _anonymous.SignInAsync(credentials));
        using var me = await signedIn.Http.GetAsync($"{signedIn.Tenant}/me");
        (await WebKitaClient.ReadAsync<AccountResponse>(me, HttpStatusCode.OK)).Should().BeEquivalentTo(
            new { Email = credentials.Email.ToLowerInvariant(), Role = Role.Family, DisplayName = "Familie Neu", Children = Array.Empty<FamilyChild>() });
    }

    [Fact]
    public async Task Register_SameEmailInOtherCase_SameAnswerAsNewPasswordUnchangedAndNoticeInOutbox()
    {
        var credentials = Credentials.New("doppelt");
        var notices = new OutboxRecorder(AccountDirectory.RegistrationRepeated);
        // An api of its own: on the fixture's database the fixture's silo could dispatch the event to its own subscribers.
        await using var factory = await WebKitaApiFactory.CreateAsync();
        await using var api = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IOutboxSubscriber>(notices)));
        using var anonymous = new WebKitaClient(api.CreateClient());
        using var first = await anonymous.Http.PostAsJsonAsync(
            $"{anonymous.Tenant}/auth/register", new RegisterRequest(credentials.Email, credentials.Password, "Familie Doppelt"), ApiJson.Options);

        using var again = await anonymous.Http.PostAsJsonAsync(
            $"{anonymous.Tenant}/auth/register", new RegisterRequest(credentials.Email.ToUpperInvariant(), "Ein-anderes-Passwort-2", "Familie Doppelt"), ApiJson.Options);

        again.StatusCode.Should().Be(first.StatusCode).And.Be(HttpStatusCode.Accepted);
        (await again.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        (await anonymous.SignInAsync(credentials)).Should().NotBeNullOrEmpty("the first password still signs in");
        using var notice = JsonDocument.Parse((await notices.NextAsync()).Payload);
        notice.RootElement.GetProperty("email").GetString().Should().Be(credentials.Email);
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
