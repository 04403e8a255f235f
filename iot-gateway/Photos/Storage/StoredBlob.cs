namespace WebKita.Photos.Storage;

/// <summary>A blob read back: its content and the content type it was written with.</summary>
public sealed record StoredBlob(BlobName Name, string ContentType, ReadOnlyMemory<byte> Content);
