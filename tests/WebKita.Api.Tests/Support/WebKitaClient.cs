using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using WebKita.Api.Accounts;
using WebKita.Api.Applications;
using WebKita.Api.Offerings;
using WebKita.Api.Schools;
using WebKita.Grains.Accounts;
using WebKita.Grains.Offerings;

namespace WebKita.Api.Tests.Support;

/// <summary>
/// The api as a client sees it, over any <see cref="HttpClient"/>: the factory's in-memory
/// server or a real process. Helpers fail the test when the api does not answer as expected.
/// Thread-safe (as <see cref="HttpClient"/> is).
/// </summary>
public sealed class WebKitaClient(HttpClient http, string tenant = WebKitaClient.DefaultTenant) : IDisposable
{
    public const string DefaultTenant = "test-kreis";

    public HttpClient Http { get; } = http;

    public string Tenant => $"/api/v1/tenants/{tenant}";

    /// <summary>Sends <paramref name="token"/> as bearer token on every later request of this client.</summary>
    public WebKitaClient WithToken(string token)
    {
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return this;
    }

    /// <summary>Signs in for a bearer token; fails the test unless the api answers 200 with one.</summary>
    public async Task<string> SignInAsync(Credentials credentials, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsJsonAsync($"{Tenant}/auth/sign-in", new SignInRequest(credentials.Email, credentials.Password), ApiJson.Options, cancellationToken);
        var token = (await ReadAsync<TokenAnswer>(response, HttpStatusCode.OK, cancellationToken)).AccessToken;
        token.Should().NotBeNullOrEmpty();
        return token;
    }

    /// <summary>As a county admin: a new staff account (or other role) for these schools or buildings.</summary>
    public async Task<AccountResponse> CreateAccountAsync(
        Credentials credentials, Role role, IReadOnlyList<Guid>? schools = null, IReadOnlyList<Guid>? buildings = null, CancellationToken cancellationToken = default)
    {
        var request = new StaffRequest(credentials.Email, credentials.Password, $"{role} {credentials.Email[..8]}", role, schools ?? [], buildings ?? []);
        using var response = await Http.PostAsJsonAsync($"{Tenant}/accounts", request, ApiJson.Options, cancellationToken);
        return await ReadAsync<AccountResponse>(response, HttpStatusCode.Created, cancellationToken);
    }

    /// <summary>Registers a family account (anonymous; costs one password hash). The api answers 202 whether or not the e-mail had an account.</summary>
    public async Task<RegistrationResponse> RegisterAsync(Credentials credentials, string displayName = "Familie Test", CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsJsonAsync($"{Tenant}/auth/register", new RegisterRequest(credentials.Email, credentials.Password, displayName), ApiJson.Options, cancellationToken);
        return await ReadAsync<RegistrationResponse>(response, HttpStatusCode.Accepted, cancellationToken);
    }

    /// <summary>As a family: replaces the guardians and children on the account.</summary>
    public async Task<AccountResponse> SetFamilyAsync(IReadOnlyList<Guardian> guardians, IReadOnlyList<FamilyChild> children, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PutAsJsonAsync($"{Tenant}/me/family", new FamilyRequest(guardians, children), ApiJson.Options, cancellationToken);
        return await ReadAsync<AccountResponse>(response, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>As a family: applies for a child of its account, in the grade it will be in.</summary>
    public Task<HttpResponseMessage> PostFamilySubmissionAsync(Guid offeringId, Guid childId, int grade, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Tenant}/offerings/{offeringId}/applications")
        {
            Content = JsonContent.Create(new ApplicationRequest(null, childId, grade), options: ApiJson.Options),
            Headers = { { "Idempotency-Key", idempotencyKey } },
        };
        return Http.SendAsync(request, cancellationToken);
    }

    /// <summary>As a county admin: a new school with an open FCFS offering and a staff account of that school.</summary>
    public async Task<(OfferingResponse Offering, Credentials Staff)> CreateStaffedOfferingAsync(int capacity, CancellationToken cancellationToken = default)
    {
        var offering = await CreateOpenOfferingAsync(capacity, cancellationToken);
        var staff = Credentials.New("staff");
        await CreateAccountAsync(staff, Role.SchoolStaff, [offering.SchoolId], cancellationToken: cancellationToken);
        return (offering, staff);
    }

    /// <summary>Terms of an FCFS offering that is open now (opened an hour ago, closes in 30 days), grades 1 to 4.</summary>
    public static OfferingRequest OpenTerms(Guid schoolId, int capacity, string title = "Nachmittagsbetreuung")
    {
        var now = TimeProvider.System.GetUtcNow();
        return new OfferingRequest(
            schoolId, title, OfferingKind.SchoolYearModule, capacity, now.AddHours(-1), now.AddDays(30), 1, 4, AllocationMode.FirstComeFirstServed);
    }

    public async Task<SchoolResponse> CreateSchoolAsync(string name = "Grundschule am Park", CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsJsonAsync($"{Tenant}/schools", new SchoolRequest(name, "Parkstraße 1"), ApiJson.Options, cancellationToken);
        return await ReadAsync<SchoolResponse>(response, HttpStatusCode.Created, cancellationToken);
    }

    public async Task<OfferingResponse> CreateOfferingAsync(OfferingRequest terms, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsJsonAsync($"{Tenant}/offerings", terms, ApiJson.Options, cancellationToken);
        return await ReadAsync<OfferingResponse>(response, HttpStatusCode.Created, cancellationToken);
    }

    /// <summary>A new school with an open FCFS offering for grades 1 to 4.</summary>
    public async Task<OfferingResponse> CreateOpenOfferingAsync(int capacity, CancellationToken cancellationToken = default)
    {
        var school = await CreateSchoolAsync(cancellationToken: cancellationToken);
        return await CreateOfferingAsync(OpenTerms(school.Id, capacity), cancellationToken);
    }

    public Task<HttpResponseMessage> PostSubmissionAsync(Guid offeringId, ChildRequest child, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Tenant}/offerings/{offeringId}/applications")
        {
            Content = JsonContent.Create(new ApplicationRequest(child), options: ApiJson.Options),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Http.SendAsync(request, cancellationToken);
    }

    public async Task<Answer> SubmitAsync(Guid offeringId, ChildRequest child, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        using var response = await PostSubmissionAsync(offeringId, child, idempotencyKey, cancellationToken);
        return await Answer.ReadAsync(response, cancellationToken);
    }

    public async Task<ApplicationResponse> GetApplicationAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync($"{Tenant}/applications/{id}", cancellationToken);
        return await ReadAsync<ApplicationResponse>(response, HttpStatusCode.OK, cancellationToken);
    }

    public async Task<ApplicationResponse[]> ListApplicationsAsync(Guid offeringId, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync($"{Tenant}/offerings/{offeringId}/applications", cancellationToken);
        return await ReadAsync<ApplicationResponse[]>(response, HttpStatusCode.OK, cancellationToken);
    }

    public async Task<OfferingResponse> GetOfferingAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync($"{Tenant}/offerings/{id}", cancellationToken);
        return await ReadAsync<OfferingResponse>(response, HttpStatusCode.OK, cancellationToken);
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken = default)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        response.StatusCode.Should().Be(expected, "{0} {1} answered {2}", response.RequestMessage?.Method, response.RequestMessage?.RequestUri, body);
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, ApiJson.Options)!;
    }

    public void Dispose() => Http.Dispose();
}
