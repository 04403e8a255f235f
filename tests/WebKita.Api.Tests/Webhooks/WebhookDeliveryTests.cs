using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WebKita.Silo.Alerts;
using WebKita.Silo.Runtime;

namespace WebKita.Api.Tests.Webhooks;

/// <summary>Webhooks against a real local HTTP listener, on a fake clock (<see cref="WebhookApi"/>).</summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private WebhookApi _webhooks = null!;

    public async Task InitializeAsync() => _webhooks = await WebhookApi.StartAsync();

    public async Task DisposeAsync() => await _webhooks.DisposeAsync();

    [Fact]
    public async Task NewTicket_EndpointFailsOnce_RetriedAfterBackoffWithTheSameSignedBody()
    {
        using var receiver = new WebhookReceiver(HttpStatusCode.InternalServerError, HttpStatusCode.NoContent);
        var webhook = await _webhooks.RegisterAsync(receiver.Url);
        await _webhooks.ReportAsync("webhook:1");

        await _webhooks.DispatchAsync();
        (await _webhooks.FireAsync()).Should().Be(1);
        _webhooks.Time.Advance(TimeSpan.FromSeconds(29));
        (await _webhooks.FireAsync()).Should().Be(0, "the first retry waits 30 seconds");
        _webhooks.Time.Advance(TimeSpan.FromSeconds(1));
        (await _webhooks.FireAsync()).Should().Be(1);

        var calls = receiver.Calls.ToArray();
        calls.Should().HaveCount(2);
        calls[1].Body.Should().Equal(calls[0].Body);
        foreach (var (headers, body) in calls)
        {
            headers["X-WebKita-Signature"].Should().Be("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhook.Secret!), body)));
            headers["X-WebKita-Event"].Should().Be("sue.ticket.opened");
        }

        var sent = JsonDocument.Parse(calls[0].Body).RootElement;
        sent.GetProperty("type").GetString().Should().Be("sue.ticket.opened");
        sent.GetProperty("data").GetProperty("category").GetString().Should().Be("heating");
        var delivery = (await _webhooks.DeliveriesAsync(webhook.Id)).Should().ContainSingle().Which;
        delivery.Should().BeEquivalentTo(new { Status = WebhookDelivery.Delivered, Attempts = 2, LastError = (string?)null });
        calls[0].Headers["X-WebKita-Delivery"].Should().Be(delivery.Id.ToString());
    }

    [Fact]
    public async Task NewTicket_EndpointAlwaysFails_DeadAfterMaxAttemptsAndNoMoreCalls()
    {
        using var receiver = new WebhookReceiver(HttpStatusCode.BadGateway);
        var webhook = await _webhooks.RegisterAsync(receiver.Url);
        await _webhooks.ReportAsync("webhook:2");
        await _webhooks.DispatchAsync();

        for (var attempt = 1; attempt <= WebhookDelivery.MaxAttempts; attempt++)
        {
            (await _webhooks.FireAsync()).Should().Be(1, "attempt {0} is due", attempt);
            _webhooks.Time.Advance(WebhookDelivery.Backoff(attempt));
        }

        _webhooks.Time.Advance(TimeSpan.FromHours(2)); // less than the background loops' day
        await _webhooks.FireAsync(); // only the ticket's escalation is left to fire
        receiver.Calls.Should().HaveCount(WebhookDelivery.MaxAttempts);
        (await _webhooks.DeliveriesAsync(webhook.Id)).Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Status = WebhookDelivery.Dead, Attempts = WebhookDelivery.MaxAttempts, LastError = "HTTP 502" });
    }

    [Fact]
    public async Task SameEventTwiceFromOutbox_OneDelivery()
    {
        using var receiver = new WebhookReceiver(HttpStatusCode.OK);
        var webhook = await _webhooks.RegisterAsync(receiver.Url);
        await _webhooks.ReportAsync("webhook:3");
        var entry = (await _webhooks.Service<Silo.Storage.IGrainStore>().ReadOutboxAfterAsync(WebhookApi.Tenant.Value, "sue.", 0, 100, default)).Last();
        var outbox = _webhooks.Service<IEnumerable<IOutboxSubscriber>>().OfType<WebhookOutbox>().Single();

        await outbox.DeliverAsync(entry, default);
        await outbox.DeliverAsync(entry, default);
        (await _webhooks.FireAsync()).Should().Be(1);

        receiver.Calls.Should().ContainSingle();
        (await _webhooks.DeliveriesAsync(webhook.Id)).Should().ContainSingle();
    }
}
