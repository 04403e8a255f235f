using System.Collections.Immutable;
using WebKita.Grains.Common;

namespace WebKita.Grains.Alerts;

/// <summary>
/// An endpoint an admin registered to receive the tenant's alerts. <see cref="Secret"/> signs every
/// body (HMAC-SHA256); it is kept because signing needs it, but only as the silo sealed it with the
/// Data Protection key ring (a row from a version before encryption at rest may still hold it plain
/// until it is resealed), and shown only in the answer to its registration (and to a retry of it
/// with the same Idempotency-Key). <see cref="EventTypes"/> are type prefixes ("sue.ticket.");
/// empty means all alerts. Immutable; changed only through its methods.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.Webhook")]
public sealed record Webhook(TenantId Tenant, Guid Id, Uri Url, string Secret, ImmutableList<string> EventTypes, DateTimeOffset CreatedAt)
{
    public const int MaxEventTypeLength = 100;

    /// <param name="secret">The secret as it is to be stored (sealed); never empty.</param>
    public static Outcome<Webhook> Create(TenantId tenant, Guid id, Uri url, string secret, IReadOnlyList<string> eventTypes, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var refusal = Validate(url, eventTypes);
        return refusal is null ? Outcome<Webhook>.Done(new Webhook(tenant, id, url, secret, [.. eventTypes], createdAt)) : refusal;
    }

    /// <summary>
    /// The same secret sealed anew (with the current key, or for the first time), if the stored one
    /// is still <paramref name="sealedBefore"/>, the value the caller opened; else someone wrote it
    /// meanwhile and the caller must look again.
    /// </summary>
    public Outcome<Webhook> Reseal(string sealedBefore, string sealedAnew)
    {
        ArgumentException.ThrowIfNullOrEmpty(sealedAnew);
        return string.Equals(Secret, sealedBefore, StringComparison.Ordinal)
            ? this with { Secret = sealedAnew }
            : new Refusal("webhook.secret_changed", $"The secret of webhook {Id} was written since it was read.");
    }

    public bool Wants(string eventType) =>
        eventType.StartsWith("sue.", StringComparison.Ordinal) && (EventTypes.IsEmpty || EventTypes.Any(p => eventType.StartsWith(p, StringComparison.Ordinal)));

    public static Refusal? Validate(Uri url, IReadOnlyList<string> eventTypes)
    {
        var problems = new List<FieldProblem>();
        if (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http"))
        {
            problems.Add(new("url", "must be an absolute http(s) URL"));
        }

        if (eventTypes.Any(t => t is null || !t.StartsWith("sue.", StringComparison.Ordinal) || t.Length > MaxEventTypeLength))
        {
            problems.Add(new("eventTypes", $"each must start with 'sue.' and be at most {MaxEventTypeLength} characters"));
        }

        return problems.Count > 0 ? new Refusal("webhook.invalid", "The webhook is not valid.", problems) : null;
    }
}
