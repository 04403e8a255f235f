using System.Net;
using System.Net.Http.Json;
using WebKita.Api.Statutes;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Allocation;

namespace WebKita.Api.Tests.Statutes;

/// <summary>The statute endpoints as a client calls them; helpers fail the test on an unexpected answer.</summary>
public static class StatuteClient
{
    /// <summary>Employment 10, catchment area 5, grades 1 to 2 first.</summary>
    public static StatuteRequest Rules { get; } = new(
        [new CriterionRuleRequest(Criterion.Employment, 10), new CriterionRuleRequest(Criterion.CatchmentArea, 5)], 1, 2);

    public static Task<HttpResponseMessage> PutStatuteAsync(this WebKitaClient client, StatuteRequest rules) =>
        client.Http.PutAsJsonAsync($"{client.Tenant}/statute", rules, ApiJson.Options);

    /// <summary>As a county admin: makes <paramref name="rules"/> the statute in force; answers its version.</summary>
    public static async Task<StatuteResponse> AmendStatuteAsync(this WebKitaClient client, StatuteRequest rules)
    {
        using var response = await client.PutStatuteAsync(rules);
        return await WebKitaClient.ReadAsync<StatuteResponse>(response, HttpStatusCode.OK);
    }

    public static async Task<StatuteResponse> GetStatuteAsync(this WebKitaClient client, int? version = null)
    {
        using var response = await client.Http.GetAsync(version is null ? $"{client.Tenant}/statute" : $"{client.Tenant}/statute/versions/{version}");
        return await WebKitaClient.ReadAsync<StatuteResponse>(response, HttpStatusCode.OK);
    }
}
