using Microsoft.Extensions.Logging;
using WebKita.Grains.Common;

namespace WebKita.Grains.Alerts;

/// <summary>Hosts a <see cref="Webhook"/>: decides with its pure methods, writes, publishes to the tenant's webhook list.</summary>
public sealed class WebhookGrain(
    [PersistentState("webhook", GrainStorage.Name)] IPersistentState<PublishedState<Webhook>> state,
    IReadModel<Webhook> webhooks,
    TimeProvider time,
    ILogger<WebhookGrain> logger) : PublishingGrain<Webhook>(Kind, state, webhooks, time, logger), IWebhookGrain
{
    /// <summary>The kind the audit log and the read model name webhooks by; part of the schema.</summary>
    public const string Kind = "webhook";

    public Task<Outcome<Webhook>> CreateAsync(Uri url, string sealedSecret, IReadOnlyList<string> eventTypes, ChangedBy? by) =>
        CreateOnceAsync((tenant, id) => Webhook.Create(tenant, id, url, sealedSecret, eventTypes, Time.GetUtcNow()), "webhook.exists", "CreateWebhook", by);

    public Task<Outcome<Webhook>> ResealAsync(string sealedBefore, string sealedAnew) =>
        ChangeAsync(
            webhook => webhook?.Reseal(sealedBefore, sealedAnew) ?? new Refusal("webhook.not_found", "There is no such webhook."),
            "ResealWebhookSecret",
            by: null);

    public Task<Webhook?> FindAsync() => Task.FromResult(Current);
}
