using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace WebKita.Testing.ApiProcesses;

/// <summary>Booking calls against one api process of an <see cref="ApiCounty"/>, with the answers the checks need.</summary>
public static class Bookings
{
    /// <summary>
    /// Submits child number <paramref name="child"/>'s paper application with <paramref name="key"/>
    /// as its Idempotency-Key. A connection the process dropped throws <see cref="HttpRequestException"/>.
    /// </summary>
    public static async Task<Submission> SubmitAsync(HttpClient staff, Guid offeringId, int child, string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ApiCounty.ApplicationsPath(offeringId), UriKind.Relative))
        {
            Content = new StringContent(ApiCounty.ChildBody(child), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await staff.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode
            ? new Submission(response.StatusCode, await response.Content.ReadFromJsonAsync<BookedApplication>(ApiCounty.Json, cancellationToken), null)
            : new Submission(response.StatusCode, null, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public static async Task<BookedApplication[]> ListAsync(HttpClient staff, Guid offeringId, CancellationToken cancellationToken) =>
        await staff.GetFromJsonAsync<BookedApplication[]>(new Uri(ApiCounty.ApplicationsPath(offeringId), UriKind.Relative), ApiCounty.Json, cancellationToken) ?? [];

    public static async Task<OfferingCounts> OfferingAsync(HttpClient client, Guid offeringId, CancellationToken cancellationToken) =>
        await client.GetFromJsonAsync<OfferingCounts>(new Uri(ApiCounty.Path($"offerings/{offeringId}"), UriKind.Relative), ApiCounty.Json, cancellationToken)
        ?? throw new InvalidOperationException($"GET offering {offeringId} answered an empty body.");
}

/// <summary>An answer to a submission: a 2xx with its application, or another status with its problem text.</summary>
public sealed record Submission(HttpStatusCode Status, BookedApplication? Application, string? Problem)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}

/// <summary>The part of the api's application answer the checks read; <see cref="Status"/> as the api names it (<c>Accepted</c>, <c>Waitlisted</c>, …).</summary>
public sealed record BookedApplication(Guid Id, string Status, int? WaitlistPosition, long Arrival, string ChildFirstName);

/// <summary>The part of the api's offering answer the checks read; <see cref="Phase"/> as the api names it (<c>Scheduled</c>, <c>Open</c>, <c>Closed</c>).</summary>
public sealed record OfferingCounts(int Capacity, string Phase, int Allocated, int FreePlaces, int Waitlisted);
