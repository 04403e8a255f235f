using WebKita.Grains.Alerts;
using WebKita.Silo.Alerts;

namespace WebKita.Api.Webhooks;

public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? EventTypes);

/// <summary>A webhook; <see cref="Secret"/> only in the answer to its registration.</summary>
public sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string> EventTypes, DateTimeOffset CreatedAt, string? Secret)
{
    public static WebhookResponse From(Webhook w, bool withSecret = false) => new(w.Id, w.Url.ToString(), w.EventTypes, w.CreatedAt, withSecret ? w.Secret : null);
}

public sealed record WebhookDeliveryResponse(Guid Id, long Sequence, string Type, string Status, int Attempts, DateTimeOffset? LastAttemptAt, string? LastError)
{
    public static WebhookDeliveryResponse From(WebhookDelivery d) => new(d.Id, d.Sequence, d.Type, d.Status, d.Attempts, d.LastAttemptAt, d.LastError);
}
