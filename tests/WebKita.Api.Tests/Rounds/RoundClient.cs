using System.Net;
using System.Net.Http.Json;
using WebKita.Api.Offerings;
using WebKita.Api.Rounds;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Offerings;

namespace WebKita.Api.Tests.Rounds;

/// <summary>Round calls as the tests make them; each asserts the status it expects.</summary>
public static class RoundClient
{
    /// <summary>Terms of a school-year module allocated by criteria, open now, closing in 30 days.</summary>
    public static OfferingRequest CriteriaTerms(Guid schoolId, int capacity, string title = "Modul 2 bis 17:00")
    {
        var now = TimeProvider.System.GetUtcNow();
        return new OfferingRequest(schoolId, title, OfferingKind.SchoolYearModule, capacity, now.AddHours(-1), now.AddDays(30), 1, 4, AllocationMode.CriteriaAtDeadline);
    }

    public static Task<HttpResponseMessage> PostRoundAsync(this WebKitaClient client, DateTimeOffset deadline, params Guid[] offeringIds) =>
        client.Http.PostAsJsonAsync($"{client.Tenant}/rounds", new RoundRequest("Schuljahr 2027/28", 2027, deadline, 7, offeringIds), ApiJson.Options);

    public static async Task<RoundResponse> CreateRoundAsync(this WebKitaClient client, DateTimeOffset deadline, params Guid[] offeringIds)
    {
        using var response = await client.PostRoundAsync(deadline, offeringIds);
        return await WebKitaClient.ReadAsync<RoundResponse>(response, HttpStatusCode.Created);
    }

    public static async Task<RoundResponse> GetRoundAsync(this WebKitaClient client, Guid roundId)
    {
        using var response = await client.Http.GetAsync($"{client.Tenant}/rounds/{roundId}");
        return await WebKitaClient.ReadAsync<RoundResponse>(response, HttpStatusCode.OK);
    }

    public static Task<HttpResponseMessage> PostRankedAsync(this WebKitaClient client, Guid roundId, RankedApplicationRequest request, string idempotencyKey)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, $"{client.Tenant}/rounds/{roundId}/applications")
        {
            Content = JsonContent.Create(request, options: ApiJson.Options),
            Headers = { { "Idempotency-Key", idempotencyKey } },
        };
        return client.Http.SendAsync(message);
    }

    public static async Task<RankedApplicationResponse> SubmitRankedAsync(this WebKitaClient client, Guid roundId, RankedApplicationRequest request)
    {
        using var response = await client.PostRankedAsync(roundId, request, Guid.NewGuid().ToString());
        return await WebKitaClient.ReadAsync<RankedApplicationResponse>(response, HttpStatusCode.Created);
    }

    public static Task<HttpResponseMessage> PostActionAsync<T>(this WebKitaClient client, Guid roundId, Guid applicationId, string action, T body) =>
        client.Http.PostAsJsonAsync($"{client.Tenant}/rounds/{roundId}/applications/{applicationId}/{action}", body, ApiJson.Options);

    public static async Task<RankedApplicationResponse> ActAsync(this WebKitaClient client, Guid roundId, Guid applicationId, string action, object? body = null)
    {
        using var response = await client.PostActionAsync(roundId, applicationId, action, body ?? new { });
        return await WebKitaClient.ReadAsync<RankedApplicationResponse>(response, HttpStatusCode.OK);
    }

    public static async Task<RankedApplicationResponse> GetRankedAsync(this WebKitaClient client, Guid roundId, Guid applicationId)
    {
        using var response = await client.Http.GetAsync($"{client.Tenant}/rounds/{roundId}/applications/{applicationId}");
        return await WebKitaClient.ReadAsync<RankedApplicationResponse>(response, HttpStatusCode.OK);
    }
}
