using System.Net;
using System.Net.Http.Json;
using WebKita.Api.Tests.Support;
using WebKita.Api.Webhooks;

namespace WebKita.Api.Tests.Webhooks;

/// <summary>A registration retried with its Idempotency-Key registers one webhook, as every create does.</summary>
public sealed class WebhookIdempotencyTests
{
    [Fact]
    public async Task Register_SameKeyTwice_OneWebhookAndTheSameAnswerWithItsSecret()
    {
        await using var webhooks = await WebhookApi.StartAsync();

        var (firstStatus, first) = await RegisterAsync(webhooks, "https://leitstelle.example/hook", "leitstelle-1");
        var (againStatus, again) = await RegisterAsync(webhooks, "https://leitstelle.example/hook", "leitstelle-1");
        var (otherStatus, other) = await RegisterAsync(webhooks, "https://leitstelle.example/hook", "leitstelle-2");

        firstStatus.Should().Be(HttpStatusCode.Created);
        againStatus.Should().Be(HttpStatusCode.OK, "the first answer may have been lost on the way");
        again.Should().BeEquivalentTo(first, "a retry learns the secret it would have got");
        otherStatus.Should().Be(HttpStatusCode.Created);
        other.Id.Should().NotBe(first.Id);
        other.Secret.Should().NotBe(first.Secret);
        (await webhooks.Admin.Http.GetFromJsonAsync<WebhookResponse[]>($"{webhooks.Admin.Tenant}/webhooks", ApiJson.Options))!
            .Select(w => w.Id).Should().BeEquivalentTo([first.Id, other.Id]);
    }

    [Fact]
    public async Task Register_UnusableKey_ProblemAndNothingRegistered()
    {
        await using var webhooks = await WebhookApi.StartAsync();

        using var request = Request(webhooks, "https://leitstelle.example/hook", new string('k', 101));
        using var response = await webhooks.Admin.Http.SendAsync(request);

        (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).Errors.Keys.Should().Equal("Idempotency-Key");
        (await webhooks.Admin.Http.GetFromJsonAsync<WebhookResponse[]>($"{webhooks.Admin.Tenant}/webhooks", ApiJson.Options)).Should().BeEmpty();
    }

    private static async Task<(HttpStatusCode Status, WebhookResponse Webhook)> RegisterAsync(WebhookApi webhooks, string url, string key)
    {
        using var request = Request(webhooks, url, key);
        using var response = await webhooks.Admin.Http.SendAsync(request);
        return (response.StatusCode, await WebKitaClient.ReadAsync<WebhookResponse>(response, response.StatusCode));
    }

    private static HttpRequestMessage Request(WebhookApi webhooks, string url, string key) =>
        new(HttpMethod.Post, $"{webhooks.Admin.Tenant}/webhooks")
        {
            Content = JsonContent.Create(new WebhookRequest(url, ["sue.ticket."]), options: ApiJson.Options),
            Headers = { { "Idempotency-Key", key } },
        };
}
