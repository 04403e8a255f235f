using System.Security.Cryptography;
using System.Text;
using WebKita.Grains.Common;

namespace WebKita.Silo.Mail;

/// <summary>
/// What an unsubscribe link switches off, signed so nobody can switch off someone else's mail by
/// editing the link, and readable without signing in. A token never expires: an old mail's link
/// must still work. It names the account by id only, no address.
/// </summary>
public sealed record UnsubscribeRequest(TenantId Tenant, Guid AccountId, MailTopic Topic)
{
    /// <summary>An alert link stops every alert; a family's link stops the one optional topic it came with.</summary>
    public IReadOnlyList<MailTopic> TopicsOff => MailTopics.Alerts.Contains(Topic) ? MailTopics.Alerts : [Topic];
}

public sealed class UnsubscribeToken(MailOptions options)
{
    private readonly byte[] _key = options.UnsubscribeKey is { Length: > 0 } key
        ? SHA256.HashData(Encoding.UTF8.GetBytes(key))
        : RandomNumberGenerator.GetBytes(32); // links then last until this process ends; README says to set the key

    public string Issue(UnsubscribeRequest request)
    {
        var payload = Encoding.UTF8.GetBytes($"{request.Tenant.Value}/{request.AccountId:N}/{request.Topic}");
        return Base64Url(payload) + "." + Base64Url(HMACSHA256.HashData(_key, payload));
    }

    /// <summary>The request a token carries, or null when it is malformed or its signature does not match.</summary>
    public UnsubscribeRequest? Read(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || FromBase64Url(token[..dot]) is not { } payload || FromBase64Url(token[(dot + 1)..]) is not { } signature
            || !CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payload)))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('/');
        return parts.Length == 3 && TenantId.IsValid(parts[0]) && Guid.TryParseExact(parts[1], "N", out var account)
            && Enum.TryParse<MailTopic>(parts[2], out var topic) && topic.IsOptional()
            ? new UnsubscribeRequest(new TenantId(parts[0]), account, topic)
            : null;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
