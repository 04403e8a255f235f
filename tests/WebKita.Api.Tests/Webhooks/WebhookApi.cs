using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WebKita.Api.Tests.Support;
using WebKita.Api.Webhooks;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Silo.Defects;
using WebKita.Silo.Runtime;
using WebKita.Testing;

namespace WebKita.Api.Tests.Webhooks;

/// <summary>
/// The api on a fake clock with its silo's background loops slowed to a day, so the test alone
/// moves the outbox and fires reminders; webhooks may call the loopback receiver.
/// </summary>
internal sealed class WebhookApi : IAsyncDisposable
{
    public static readonly TenantId Tenant = new(WebKitaClient.DefaultTenant);

    private readonly WebKitaApiFactory _factory;
    private readonly WebKitaClient _admin;

    private WebhookApi(WebKitaApiFactory factory, WebApplicationFactory<Program> api, ManualTimeProvider time)
    {
        _factory = factory;
        Api = api;
        Time = time;
        _admin = new WebKitaClient(api.CreateClient());
    }

    public WebApplicationFactory<Program> Api { get; }

    public ManualTimeProvider Time { get; }

    public WebKitaClient Admin => _admin;

    public static async Task<WebhookApi> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var factory = await WebKitaApiFactory.CreateAsync(new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["Silo:ReminderPollInterval"] = "1.00:00:00",
            ["Silo:OutboxPollInterval"] = "1.00:00:00",
            ["Silo:WebhooksMayReachInternalAddresses"] = "true", // the receiver listens on loopback
        });
        var webhooks = new WebhookApi(factory, factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(time))), time);
        await webhooks.SignInAgainAsync();
        return webhooks;
    }

    public T Service<T>()
        where T : notnull => Api.Services.GetRequiredService<T>();

    /// <summary>Signs the admin in anew: tokens expire on the fake clock, and die with a revoked key.</summary>
    public async Task SignInAgainAsync()
    {
        using var anonymous = new WebKitaClient(Api.CreateClient());
        _admin.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await anonymous.SignInAsync(Credentials.Admin));
    }

    public async Task<WebhookResponse> RegisterAsync(Uri url)
    {
        using var response = await _admin.Http.PostAsJsonAsync($"{_admin.Tenant}/webhooks", new WebhookRequest(url.ToString(), ["sue.ticket."]), ApiJson.Options);
        var webhook = await WebKitaClient.ReadAsync<WebhookResponse>(response, HttpStatusCode.Created);
        webhook.Secret.Should().NotBeNullOrEmpty();
        (await _admin.Http.GetStringAsync($"{_admin.Tenant}/webhooks")).Should().NotContain(webhook.Secret!, "the secret is shown once");
        return webhook;
    }

    public async Task ReportAsync(string key) =>
        (await Service<TicketDesk>().ReportAsync(
            Tenant, Guid.NewGuid(), Guid.NewGuid(), "A1", new DefectReport(key, DefectCategory.Heating, null, "kalt", [], "kiosk"), default)).Refusal.Should().BeNull();

    public Task<int> DispatchAsync() => Service<OutboxDispatcher>().DispatchPendingAsync(default);

    public Task<int> FireAsync() => Service<ReminderService>().FireDueAsync(default);

    public async Task<WebhookDeliveryResponse[]> DeliveriesAsync(Guid id)
    {
        await SignInAgainAsync();
        return await WebKitaClient.ReadAsync<WebhookDeliveryResponse[]>(await _admin.Http.GetAsync($"{_admin.Tenant}/webhooks/{id}/deliveries"), HttpStatusCode.OK);
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await Api.DisposeAsync();
        await _factory.DisposeAsync();
    }
}
