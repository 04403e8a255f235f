using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebKita.Testing.ApiProcesses;

/// <summary>
/// A county set up over the api's HTTP endpoints, as its people would: the api creates a county
/// admin from its bootstrap configuration (<see cref="Settings"/>), the admin creates schools,
/// offerings and a staff account for them, and the staff member submits paper applications with
/// one bearer token, which every api process of one store honours. Rate limits are raised far
/// beyond any load, so they never refuse a call.
/// </summary>
public static class ApiCounty
{
    public const string Tenant = "kreis";
    private const string AdminEmail = "admin@kreis.example";
    private const string AdminPassword = "county-admin-password";
    private const string StaffEmail = "staff@kreis.example";
    private const string StaffPassword = "county-staff-password";
    private const string Unlimited = "1000000000";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The api's configuration for this county, as environment variables.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Bootstrap__Tenant"] = Tenant,
        ["Bootstrap__AdminEmail"] = AdminEmail,
        ["Bootstrap__AdminPassword"] = AdminPassword,
        ["RateLimits__SubmissionsPerAccountPerMinute"] = Unlimited,
        ["RateLimits__SubmissionsPerAddressPerMinute"] = Unlimited,
        ["RateLimits__SignInsPerAddressPerMinute"] = Unlimited,
    };

    public static string Path(string relative) => $"/api/v1/tenants/{Tenant}/{relative}";

    public static string ApplicationsPath(Guid offeringId) => Path($"offerings/{offeringId}/applications");

    public static Task<AuthenticationHeaderValue> SignInAdminAsync(HttpClient client, CancellationToken cancellationToken) =>
        SignInAsync(client, AdminEmail, AdminPassword, cancellationToken);

    /// <summary>Creates a school with one staff account; returns the school and the staff member's bearer token.</summary>
    public static async Task<(Guid SchoolId, AuthenticationHeaderValue Staff)> CreateStaffedSchoolAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        var schoolId = await PostAsync(admin, Path("schools"), new { name = "Grundschule am Cluster", address = "Teststraße 1" }, cancellationToken);
        await PostAsync(
            admin,
            Path("accounts"),
            new { email = StaffEmail, password = StaffPassword, displayName = "Staff", role = "SchoolStaff", schools = new[] { schoolId } },
            cancellationToken);
        return (schoolId, await SignInAsync(admin, StaffEmail, StaffPassword, cancellationToken));
    }

    /// <summary>A first-come-first-served holiday week for grades 1 to 4 whose registration is open from <paramref name="opensAt"/> for a day.</summary>
    public static Task<Guid> CreateOfferingAsync(HttpClient admin, Guid schoolId, int capacity, DateTimeOffset opensAt, CancellationToken cancellationToken) =>
        PostAsync(
            admin,
            Path("offerings"),
            new
            {
                schoolId,
                title = "Ferienwoche",
                kind = "HolidayWeek",
                capacity,
                opensAt,
                closesAt = opensAt.AddDays(1),
                lowestGrade = 1,
                highestGrade = 4,
                mode = "FirstComeFirstServed",
            },
            cancellationToken);

    /// <summary>The paper application body of child number <paramref name="child"/> (distinct names, grades 1 to 4).</summary>
    public static string ChildBody(int child) => JsonSerializer.Serialize(
        new { child = new { firstName = $"Kind{child}", lastName = "Cluster", birthDate = new DateOnly(2017, 1, 1).AddDays(child % 1000), grade = 1 + (child % 4) } },
        Json);

    public static async Task<AuthenticationHeaderValue> SignInAsync(HttpClient client, string email, string password, CancellationToken cancellationToken)
    {
        var path = Path("auth/sign-in");
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), new { email, password }, Json, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} as {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var token = await response.Content.ReadFromJsonAsync<Token>(Json, cancellationToken);
        return new AuthenticationHeaderValue("Bearer", token?.AccessToken is { Length: > 0 } accessToken
            ? accessToken
            : throw new InvalidOperationException($"POST {path} as {email} answered no access token."));
    }

    /// <summary>Posts <paramref name="body"/> and returns the id of what it created; anything but 201 throws.</summary>
    public static async Task<Guid> PostAsync<T>(HttpClient client, string path, T body, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Json, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var created = await response.Content.ReadFromJsonAsync<Created>(Json, cancellationToken);
        return created?.Id ?? throw new InvalidOperationException($"POST {path} answered an empty body.");
    }

    private sealed record Created(Guid Id);

    private sealed record Token(string? AccessToken);
}
