using System.Collections.Immutable;
using WebKita.Grains.Common;

namespace WebKita.Silo.Alerts;

/// <summary>
/// An endpoint an admin registered to receive the tenant's alerts. <see cref="Secret"/> signs every
/// body (HMAC-SHA256); it is kept in the store because signing needs it, sealed with the Data
/// Protection key ring (<see cref="WebhookSecrets"/>), and shown only once, at registration. <see cref="EventTypes"/> are type prefixes ("sue.ticket."); empty means all alerts.
/// </summary>
public sealed record Webhook(TenantId Tenant, Guid Id, Uri Url, string Secret, ImmutableList<string> EventTypes, DateTimeOffset CreatedAt)
{
    public bool Wants(string eventType) =>
        eventType.StartsWith("sue.", StringComparison.Ordinal) && (EventTypes.IsEmpty || EventTypes.Any(p => eventType.StartsWith(p, StringComparison.Ordinal)));
}
