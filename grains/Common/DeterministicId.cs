using System.Security.Cryptography;
using System.Text;

namespace WebKita.Grains.Common;

/// <summary>Ids derived from names, so the same name always finds the same grain, in any process, without a lookup.</summary>
public static class DeterministicId
{
    public static Guid From(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16));
}
