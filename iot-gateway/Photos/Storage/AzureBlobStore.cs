using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace WebKita.Photos.Storage;

/// <summary>
/// Blobs in an Azure Storage container (Azurite in tests). Writes carry If-None-Match: *, so the
/// service, not a check before the write, decides that a name is stored once. Read links are
/// blob SAS URIs signed with the account key, read-only, valid from a minute ago (clock skew)
/// until the requested lifetime.
/// </summary>
public sealed class AzureBlobStore : IBlobStore
{
    private readonly BlobContainerClient _container;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _created = new(1, 1);
    private volatile bool _exists;

    public AzureBlobStore(BlobStoreOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        _time = time;
        _container = new BlobContainerClient(options.ConnectionString, options.Container, ClientOptions(options.ServiceVersion));
    }

    /// <summary>
    /// Client options: the configured service version, and transfer checksums pinned to MD5,
    /// because CRC64 checksums wrap the body in a structured message that Azurite stores as is.
    /// </summary>
    public static BlobClientOptions ClientOptions(string? serviceVersion)
    {
        var options = serviceVersion is null
            ? new BlobClientOptions()
            : new BlobClientOptions(ParseVersion(serviceVersion));
        options.TransferValidation.Upload.ChecksumAlgorithm = StorageChecksumAlgorithm.MD5;
        options.TransferValidation.Download.ChecksumAlgorithm = StorageChecksumAlgorithm.MD5;
        return options;
    }

    public async Task<(BlobName Name, BlobWrite Write)> PutAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var name = BlobName.Of(content.Span);
        var blob = _container.GetBlobClient(name.Value);
        try
        {
            await blob.UploadAsync(
                BinaryData.FromBytes(content),
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                },
                cancellationToken).ConfigureAwait(false);
            return (name, BlobWrite.Created);
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            return (name, BlobWrite.AlreadyStored);
        }
    }

    public async Task<StoredBlob?> GetAsync(BlobName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            var result = await _container.GetBlobClient(name.Value).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return new StoredBlob(name, result.Value.Details.ContentType, result.Value.Content.ToMemory());
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public Task<Uri?> ReadLinkAsync(BlobName name, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        var blob = _container.GetBlobClient(name.Value);
        if (!blob.CanGenerateSasUri)
        {
            return Task.FromResult<Uri?>(null);
        }

        var now = _time.GetUtcNow();
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, now + lifetime)
        {
            BlobContainerName = _container.Name,
            BlobName = name.Value,
            Resource = "b",
            StartsOn = now - TimeSpan.FromMinutes(1),
            Protocol = SasProtocol.HttpsAndHttp,
        };
        return Task.FromResult<Uri?>(blob.GenerateSasUri(sas));
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_exists)
        {
            return;
        }

        await _created.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_exists)
            {
                await _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken).ConfigureAwait(false);
                _exists = true;
            }
        }
        finally
        {
            _created.Release();
        }
    }

    private static BlobClientOptions.ServiceVersion ParseVersion(string text)
    {
        var member = "V" + text.Replace('-', '_');
        return Enum.TryParse<BlobClientOptions.ServiceVersion>(member, out var version)
            ? version
            : throw new ArgumentException($"Unknown blob service version '{text}'; known: {string.Join(", ", Enum.GetNames<BlobClientOptions.ServiceVersion>())}", nameof(text));
    }
}
