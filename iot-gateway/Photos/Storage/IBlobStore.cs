namespace WebKita.Photos.Storage;

/// <summary>
/// Content-addressed storage for photos. Thread-safe. Writes are conditional (If-None-Match: *):
/// a blob, once stored, never changes, so writing the same content twice, concurrently or not,
/// stores it once and both callers see success.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores <paramref name="content"/> under its SHA-256 unless a blob of that name exists. Idempotent.</summary>
    Task<(BlobName Name, BlobWrite Write)> PutAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>The blob, or null when there is none of that name.</summary>
    Task<StoredBlob?> GetAsync(BlobName name, CancellationToken cancellationToken);

    /// <summary>
    /// A link that lets its holder read the blob directly for <paramref name="lifetime"/>, or null
    /// when this store can only be read through the api (the caller then streams
    /// <see cref="GetAsync"/>). Hand it out only after the caller's rights were checked.
    /// </summary>
    Task<Uri?> ReadLinkAsync(BlobName name, TimeSpan lifetime, CancellationToken cancellationToken);
}
