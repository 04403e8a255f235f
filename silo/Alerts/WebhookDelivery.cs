using WebKita.Grains.Common;

namespace WebKita.Silo.Alerts;

/// <summary>
/// One event on its way to one webhook: tried until the endpoint answers 2xx, with growing pauses,
/// and after <see cref="MaxAttempts"/> failures left as dead for an admin to see.
/// </summary>
public sealed record WebhookDelivery(
    TenantId Tenant, Guid Id, Guid WebhookId, long Sequence, string Type, DateTimeOffset OccurredAt, string Payload,
    string Status, int Attempts, DateTimeOffset? LastAttemptAt, string? LastError)
{
    public const int MaxAttempts = 6;
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Dead = "dead";

    /// <summary>30 s, 1, 2, 4, 8 minutes: about a quarter of an hour of trying before it is given up.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(30 * Math.Pow(2, attempts - 1));

    public static Guid IdFor(Guid webhookId, long sequence) => DeterministicId.From($"webhook-delivery/{webhookId:N}/{sequence}");

    public WebhookDelivery Succeeded(DateTimeOffset now) => this with { Status = Delivered, Attempts = Attempts + 1, LastAttemptAt = now, LastError = null };

    public WebhookDelivery Failed(DateTimeOffset now, string error) =>
        this with { Status = Attempts + 1 >= MaxAttempts ? Dead : Pending, Attempts = Attempts + 1, LastAttemptAt = now, LastError = error };
}
