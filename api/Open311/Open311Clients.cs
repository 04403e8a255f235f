using System.Security.Cryptography;
using System.Text;

namespace WebKita.Api.Open311;

/// <summary>
/// The municipal systems allowed to file requests, each with its own <c>api_key</c> for one
/// tenant: configuration <c>Open311:Clients:{n}:Name</c>, <c>:Tenant</c> and <c>:KeySha256</c>
/// (hex SHA-256 of the key, so the configuration holds no usable secret). Thread-safe.
/// </summary>
public sealed class Open311Clients(IConfiguration configuration)
{
    private readonly IReadOnlyList<Open311Client> _clients =
        configuration.GetSection("Open311:Clients").Get<List<Open311Client>>() ?? [];

    /// <summary>The client whose key this is, if it may file for <paramref name="tenant"/>.</summary>
    public Open311Client? Find(string tenant, string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        return _clients.FirstOrDefault(c => c.Tenant == tenant
            && c.KeySha256 is { Length: 64 }
            && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(c.KeySha256), hash));
    }
}
