using System.Net;
using System.Security.Cryptography;
using WebKita.Photos.Storage;
using WebKita.Testing;

namespace WebKita.Photos.Tests.Storage;

public sealed class AzureBlobStoreTests : BlobStoreContract, IClassFixture<AzuriteFixture>
{
    private static readonly HttpClient Http = new();
    private readonly AzuriteFixture _azurite;
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly AzureBlobStore _store;

    public AzureBlobStoreTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _store = new AzureBlobStore(Options(), _time);
    }

    protected override IBlobStore Store => _store;

    [Fact]
    public async Task ReadLinkAsync_Fresh_ReadsContentWithoutTheKey()
    {
        var content = RandomNumberGenerator.GetBytes(1000);
        var (name, _) = await _store.PutAsync(content, "image/jpeg", CancellationToken.None);

        var link = await _store.ReadLinkAsync(name, TimeSpan.FromMinutes(5), CancellationToken.None);
        using var response = await Http.GetAsync(link);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(content);
    }

    [Fact]
    public async Task ReadLinkAsync_LifetimeOver_Refused()
    {
        var (name, _) = await _store.PutAsync(RandomNumberGenerator.GetBytes(100), "image/jpeg", CancellationToken.None);
        // Signed as if an hour ago, for five minutes: Azurite checks expiry against the real clock.
        var past = new AzureBlobStore(Options(), new ManualTimeProvider(DateTimeOffset.UtcNow.AddHours(-1)));

        var link = await past.ReadLinkAsync(name, TimeSpan.FromMinutes(5), CancellationToken.None);
        using var response = await Http.GetAsync(link);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ReadLinkAsync_UsedToWrite_Refused()
    {
        var (name, _) = await _store.PutAsync(RandomNumberGenerator.GetBytes(100), "image/jpeg", CancellationToken.None);
        var link = await _store.ReadLinkAsync(name, TimeSpan.FromMinutes(5), CancellationToken.None);

        using var request = new HttpRequestMessage(HttpMethod.Put, link) { Content = new ByteArrayContent([1, 2, 3]) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var response = await Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _store.GetAsync(name, CancellationToken.None))!.Content.Length.Should().Be(100);
    }

    private BlobStoreOptions Options() => new()
    {
        Kind = "Azure",
        ConnectionString = _azurite.Server.ConnectionString,
        Container = "photos",
        ServiceVersion = AzuriteFixture.ServiceVersion,
    };
}
