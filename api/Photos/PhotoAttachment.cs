using WebKita.Photos.Storage;

namespace WebKita.Api.Photos;

/// <summary>
/// How a photo rides on a defect report: the attachment <c>photo:{large}/{small}</c>, the blob
/// names of its 1600 px and 320 px JPEGs (135 characters, within a report's 200 per attachment).
/// </summary>
public static class PhotoAttachment
{
    private const string Prefix = "photo:";

    public static string For(BlobName large, BlobName small) => $"{Prefix}{large}/{small}";

    /// <summary>The blob names an attachment refers to; none for an attachment that is not a photo.</summary>
    public static IReadOnlyList<BlobName> Names(string attachment)
    {
        if (!attachment.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return [];
        }

        var parts = attachment[Prefix.Length..].Split('/');
        return parts.Length == 2 && BlobName.TryParse(parts[0], out var large) && BlobName.TryParse(parts[1], out var small) ? [large, small] : [];
    }

    /// <summary>The large photo's name, for links; null for another kind of attachment.</summary>
    public static BlobName? Large(string attachment) => Names(attachment) is [var large, _] ? large : null;
}
