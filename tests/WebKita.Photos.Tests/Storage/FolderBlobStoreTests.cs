using System.Security.Cryptography;
using WebKita.Photos.Storage;

namespace WebKita.Photos.Tests.Storage;

public sealed class FolderBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("webkita-blobs-").FullName;
    private readonly FolderBlobStore _store;

    public FolderBlobStoreTests()
    {
        _store = new FolderBlobStore(_root);
    }

    protected override IBlobStore Store => _store;

    [Fact]
    public async Task ReadLinkAsync_FolderStore_NullSoTheApiStreamsIt()
    {
        var (name, _) = await _store.PutAsync(RandomNumberGenerator.GetBytes(10), "image/jpeg", CancellationToken.None);

        (await _store.ReadLinkAsync(name, TimeSpan.FromMinutes(5), CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task PutAsync_Written_NoTemporaryFilesLeft()
    {
        await _store.PutAsync(RandomNumberGenerator.GetBytes(10), "image/jpeg", CancellationToken.None);

        Directory.EnumerateFiles(_root, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
