using System.Security.Cryptography;

namespace WebKita.Photos.Storage;

/// <summary>
/// A blob's name: the lowercase hex SHA-256 of its content. Equal content has one name, so a
/// write is idempotent and a name can never point at different bytes.
/// </summary>
public sealed record BlobName
{
    private BlobName(string value)
    {
        Value = value;
    }

    public string Value { get; }

    public static BlobName Of(ReadOnlySpan<byte> content) => new(Convert.ToHexStringLower(SHA256.HashData(content)));

    /// <summary>Parses a name from outside (a URL); false unless it is 64 lowercase hex digits.</summary>
    public static bool TryParse(string? text, out BlobName name)
    {
        name = null!;
        if (text is not { Length: 64 } || !text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            return false;
        }

        name = new BlobName(text);
        return true;
    }

    public override string ToString() => Value;
}
