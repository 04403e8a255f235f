using System.Security.Cryptography;
using System.Text;
using WebKita.Grains.Common;

namespace WebKita.Api.Problems;

/// <summary>
/// The client's Idempotency-Key header: the same key means the same request, however often it
/// arrives. For creates the key determines the new grain's id, so a repeat finds what the first
/// one made.
/// </summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 100;

    /// <summary>The key, null if absent, or a problem if present but unusable.</summary>
    public static (string? Key, IResult? Problem) Read(HttpRequest request)
    {
        var values = request.Headers[Header];
        if (values.Count == 0)
        {
            return (null, null);
        }

        var key = values.ToString();
        return values.Count == 1 && key.Length is > 0 and <= MaxLength && !key.AsSpan().ContainsAnyExceptInRange('!', '~')
            ? (key, null)
            : (null, RefusalResults.Invalid(Header, $"must be one value of 1 to {MaxLength} visible ASCII characters"));
    }

    public static Guid IdFor(TenantId tenant, string kind, string key)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant.Value}/{kind}/{key}"));
        return new Guid(bytes.AsSpan(0, 16));
    }
}
