using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WebKita.Api.Tests.Support;
using WebKita.Api.Webhooks;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Silo.Alerts;
using WebKita.Silo.Defects;
using WebKita.Silo.Runtime;
using WebKita.Testing;

namespace WebKita.Api.Tests.Webhooks;

/// <summary>
/// Webhooks against a real local HTTP listener, on a fake clock; the silo's background loops are
/// slowed to a day, so the test alone moves the outbox and fires reminders.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new(WebKitaClient.DefaultTenant);
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private WebKitaApiFactory _factory = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _api = null!;
    private WebKitaClient _admin = null!;

    public async Task InitializeAsync()
    {
        _factory = await WebKitaApiFactory.CreateAsync(new Dictionary<string, string>
        {
            ["Silo:ReminderPollInterval"] = "1.00:00:00",
            ["Silo:OutboxPollInterval"] = "1.00:00:00",
            ["Silo:WebhooksMayReachInternalAddresses"] = "true", // the receiver listens on loopback
        });
        _api = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_time)));
        _admin = new WebKitaClient(_api.CreateClient());
        using var anonymous = new WebKitaClient(_api.CreateClient());
        _admin.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await anonymous.SignInAsync(Credentials.Admin));
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _api.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task NewTicket_EndpointFailsOnce_RetriedAfterBackoffWithTheSameSignedBody()
    {
        using var receiver = new WebhookReceiver(HttpStatusCode.InternalServerError, HttpStatusCode.NoContent);
        var webhook = await RegisterAsync(receiver.Url);
        await ReportAsync("webhook:1");

        await DispatchAsync();
        (await FireAsync()).Should().Be(1);
        _time.Advance(TimeSpan.FromSeconds(29));
        (await FireAsync()).Should().Be(0, "the first retry waits 30 seconds");
        _time.Advance(TimeSpan.FromSeconds(1));
        (await FireAsync()).Should().Be(1);

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
        var delivery = (await DeliveriesAsync(webhook.Id)).Should().ContainSingle().Which;
        delivery.Should().BeEquivalentTo(new { Status = WebhookDelivery.Delivered, Attempts = 2, LastError = (string?)null });
        calls[0].Headers["X-WebKita-Delivery"].Should().Be(delivery.Id.ToString());
    }

    [Fact]
    public async Task NewTicket_EndpointAlwaysFails_DeadAfterMaxAttemptsAndNoMoreCalls()
    {
        using var receiver = new WebhookReceiver(HttpStatusCode.BadGateway);
        var webhook = await RegisterAsync(receiver.Url);
        await ReportAsync("webhook:2");
        await DispatchAsync();

        for (var attempt = 1; attempt <= WebhookDelivery.MaxAttempts; attempt++)
        {
            (await FireAsync()).Should().Be(1, "attempt {0} is due", attempt);
            _time.Advance(WebhookDelivery.Backoff(attempt));
        }

        _time.Advance(TimeSpan.FromHours(2)); // less than the background loops' day
        await FireAsync(); // only the ticket's escalation is left to fire
        receiver.Calls.Should().HaveCount(WebhookDelivery.MaxAttempts);
        (await DeliveriesAsync(webhook.Id)).Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Status = WebhookDelivery.Dead, Attempts = WebhookDelivery.MaxAttempts, LastError = "HTTP 502" });
    }

    [Fact]
    public async Task SameEventTwiceFromOutbox_OneDelivery()
    {
        using var receiver = new WebhookReceiver(HttpStatusCode.OK);
        var webhook = await RegisterAsync(receiver.Url);
        await ReportAsync("webhook:3");
        var entry = (await _api.Services.GetRequiredService<Silo.Storage.IGrainStore>().ReadOutboxAfterAsync(Tenant.Value, "sue.", 0, 100, default)).Last();
        var outbox = _api.Services.GetRequiredService<IEnumerable<IOutboxSubscriber>>().OfType<WebhookOutbox>().Single();

        await outbox.DeliverAsync(entry, default);
        await outbox.DeliverAsync(entry, default);
        (await FireAsync()).Should().Be(1);

        receiver.Calls.Should().ContainSingle();
        (await DeliveriesAsync(webhook.Id)).Should().ContainSingle();
    }

    private async Task<WebhookResponse> RegisterAsync(Uri url)
    {
        using var response = await _admin.Http.PostAsJsonAsync($"{_admin.Tenant}/webhooks", new WebhookRequest(url.ToString(), ["sue.ticket."]), ApiJson.Options);
        var webhook = await WebKitaClient.ReadAsync<WebhookResponse>(response, HttpStatusCode.Created);
        webhook.Secret.Should().NotBeNullOrEmpty();
        (await _admin.Http.GetStringAsync($"{_admin.Tenant}/webhooks")).Should().NotContain(webhook.Secret!, "the secret is shown once");
        return webhook;
    }

    private async Task ReportAsync(string key) =>
        (await _api.Services.GetRequiredService<TicketDesk>().ReportAsync(
            Tenant, Guid.NewGuid(), Guid.NewGuid(), "A1", new DefectReport(key, DefectCategory.Heating, null, "kalt", [], "kiosk"), default)).Refusal.Should().BeNull();

    private Task<int> DispatchAsync() => _api.Services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(default);

    private Task<int> FireAsync() => _api.Services.GetRequiredService<ReminderService>().FireDueAsync(default);

    /// <summary>Signs in anew: tokens expire on the fake clock too.</summary>
    private async Task<WebhookDeliveryResponse[]> DeliveriesAsync(Guid id)
    {
        using var anonymous = new WebKitaClient(_api.CreateClient());
        _admin.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await anonymous.SignInAsync(Credentials.Admin));
        return await WebKitaClient.ReadAsync<WebhookDeliveryResponse[]>(await _admin.Http.GetAsync($"{_admin.Tenant}/webhooks/{id}/deliveries"), HttpStatusCode.OK);
    }
}
