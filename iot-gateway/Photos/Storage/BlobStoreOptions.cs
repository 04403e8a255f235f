namespace WebKita.Photos.Storage;

/// <summary>Configuration section <c>Photos:Blobs</c>.</summary>
public sealed record BlobStoreOptions
{
    /// <summary><c>Folder</c> (the embedded default) or <c>Azure</c>.</summary>
    public string Kind { get; init; } = "Folder";

    /// <summary>The folder store's root directory.</summary>
    public string Folder { get; init; } = ".data/photos";

    /// <summary>The Azure store's connection string (with an account key: it signs the SAS links).</summary>
    public string? ConnectionString { get; init; }

    public string Container { get; init; } = "photos";

    /// <summary>
    /// A blob service version to speak instead of the SDK's newest, e.g. <c>2026-06-06</c> for
    /// Azurite 3.37, which refuses newer versions.
    /// </summary>
    public string? ServiceVersion { get; init; }
}
