using WebKita.Grains.Common;

namespace WebKita.Grains.Alerts;

/// <summary>
/// One webhook, keyed by its id and its tenant (<c>GetGrain&lt;IWebhookGrain&gt;(id, tenant)</c>).
/// It holds the secret only sealed: the caller seals before and opens after. Create is idempotent
/// by id (a repeat answers <c>webhook.exists</c>) and audited; a reseal is not audited (it changes
/// how the secret is kept, not the webhook) and refuses with <c>webhook.secret_changed</c> when the
/// stored secret is no longer the one the caller read.
/// </summary>
[Alias("webkita.IWebhookGrain")]
public interface IWebhookGrain : IGrainWithGuidCompoundKey
{
    [Alias("Create")]
    Task<Outcome<Webhook>> CreateAsync(Uri url, string sealedSecret, IReadOnlyList<string> eventTypes, ChangedBy? by);

    [Alias("Reseal")]
    Task<Outcome<Webhook>> ResealAsync(string sealedBefore, string sealedAnew);

    [Alias("Find")]
    Task<Webhook?> FindAsync();
}
