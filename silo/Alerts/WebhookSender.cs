using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WebKita.Grains.Alerts;
using WebKita.Grains.Common;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Alerts;

/// <summary>
/// Tries a delivery when its reminder fires: POSTs the signed body and records the outcome with
/// the reminder's deletion (and the next try, if any) in one commit. At least once: a crash after
/// the POST and before the commit sends it again, so receivers dedupe by X-WebKita-Delivery.
/// </summary>
public sealed class WebhookSender(IGrainStore store, WebhookRegistry webhooks, HttpClient http, TimeProvider time) : IReminderTarget
{
    public const string SignatureHeader = "X-WebKita-Signature";

    public string ReminderKind => GrainKinds.WebhookDelivery;

    public async Task FireAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        var tenant = new TenantId(reminder.Grain.Tenant);
        var stored = await store.ReadAsync(reminder.Grain, cancellationToken);
        var delivery = stored is null ? null : GrainJson.Deserialize<WebhookDelivery>(stored.State);
        var webhook = delivery is null ? null : await webhooks.FindAsync(tenant, delivery.WebhookId, cancellationToken);
        if (stored is null || delivery is not { Status: WebhookDelivery.Pending } || webhook is null)
        {
            await store.CommitAsync(new ChangeSet([], [], [], [reminder]), cancellationToken);
            return;
        }

        // A revoked or lost key makes a failed attempt, not a reminder that fails forever; restoring the key lets a retry succeed.
        var error = webhook.Secret == WebhookSecrets.Unreadable
            ? "The webhook's secret cannot be opened (its key was revoked or is missing)."
            : null;
        error ??= await PostAsync(webhook, delivery, cancellationToken);
        var now = time.GetUtcNow();
        var next = error is null ? delivery.Succeeded(now) : delivery.Failed(now, error);
        IReadOnlyList<Reminder> retry = next.Status == WebhookDelivery.Pending
            ? [new Reminder(reminder.Grain, WebhookOutbox.AttemptReminder, now + WebhookDelivery.Backoff(next.Attempts))]
            : [];
        await store.CommitAsync(
            new ChangeSet([new GrainWrite(reminder.Grain, stored.Version, GrainJson.Serialize(next), delivery.WebhookId)], [], retry, [reminder]), cancellationToken);
    }

    /// <summary>The signature a receiver recomputes: "sha256=" and the hex HMAC-SHA256 of the raw body under the webhook's secret.</summary>
    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static byte[] Body(WebhookDelivery delivery)
    {
        using var data = JsonDocument.Parse(delivery.Payload);
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            id = delivery.Id,
            tenant = delivery.Tenant.Value,
            type = delivery.Type,
            sequence = delivery.Sequence,
            occurredAt = delivery.OccurredAt,
            data = data.RootElement,
        });
    }

    /// <summary>Null on a 2xx answer, else what went wrong (never the body, which may be large or hostile).</summary>
    private async Task<string?> PostAsync(Webhook webhook, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var body = Body(delivery);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-WebKita-Event", delivery.Type);
        request.Headers.Add("X-WebKita-Delivery", delivery.Id.ToString());
        request.Headers.Add(SignatureHeader, Sign(webhook.Secret, body));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"HTTP {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return e.GetType().Name + ": " + e.Message;
        }
    }
}
