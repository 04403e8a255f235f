namespace WebKita.Photos.Storage;

/// <summary>What a conditional write did: stored the content, or found it already there.</summary>
public enum BlobWrite
{
    Created,
    AlreadyStored,
}
