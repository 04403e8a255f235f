using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace WebKita.Silo.Alerts;

/// <summary>
/// Seals webhook secrets for the store with the Data Protection key ring and opens them again.
/// Sealed values carry a marker; a value without it is a plain secret from a version before
/// encryption at rest, which still opens (and asks to be sealed). Rotation: the key ring keeps
/// retired keys for opening, so sealing with a new default key needs no downtime; a value sealed
/// with a key that is no longer the default asks to be sealed again, after which the old key may
/// be revoked. Thread-safe.
/// </summary>
public sealed class WebhookSecrets
{
    /// <summary>Stands for a secret whose key was revoked or lost; never a real secret (those are 43 characters).</summary>
    public const string Unreadable = "";

    private const string Marker = "dp1:";
    private readonly IPersistedDataProtector _protector;

    public WebhookSecrets(IDataProtectionProvider provider) =>
        _protector = provider.CreateProtector("WebKita.Silo.Alerts.WebhookSecret.v1") as IPersistedDataProtector
            ?? throw new InvalidOperationException("The Data Protection provider cannot tell retired keys from the default key.");

    public string Seal(string secret) => Marker + WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The plain secret, and whether the stored value should be sealed again (plain, or sealed with a retired key).</summary>
    public (string Secret, bool NeedsSealing) Open(string stored)
    {
        if (!stored.StartsWith(Marker, StringComparison.Ordinal))
        {
            return (stored, true);
        }

        var plain = _protector.DangerousUnprotect(
            WebEncoders.Base64UrlDecode(stored[Marker.Length..]), ignoreRevocationErrors: false, out var requiresMigration, out _);
        return (Encoding.UTF8.GetString(plain), requiresMigration);
    }
}
