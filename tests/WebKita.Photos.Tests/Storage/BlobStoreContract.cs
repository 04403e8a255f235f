using System.Security.Cryptography;
using WebKita.Photos.Storage;

namespace WebKita.Photos.Tests.Storage;

/// <summary>What every <see cref="IBlobStore"/> promises; one subclass per implementation.</summary>
public abstract class BlobStoreContract
{
    protected abstract IBlobStore Store { get; }

    [Fact]
    public async Task PutAsync_NewContent_NamedBySha256AndReadBackWithType()
    {
        var content = RandomNumberGenerator.GetBytes(3000);

        var (name, write) = await Store.PutAsync(content, "image/jpeg", CancellationToken.None);
        var read = await Store.GetAsync(name, CancellationToken.None);

        write.Should().Be(BlobWrite.Created);
        name.Value.Should().Be(Convert.ToHexStringLower(SHA256.HashData(content)));
        read.Should().NotBeNull();
        read!.ContentType.Should().Be("image/jpeg");
        read.Content.ToArray().Should().Equal(content);
    }

    [Fact]
    public async Task PutAsync_SameContentTwice_SecondFindsItStoredAndNothingChanges()
    {
        var content = RandomNumberGenerator.GetBytes(500);
        await Store.PutAsync(content, "image/jpeg", CancellationToken.None);

        var (name, write) = await Store.PutAsync(content, "image/png", CancellationToken.None);
        var read = await Store.GetAsync(name, CancellationToken.None);

        write.Should().Be(BlobWrite.AlreadyStored);
        read!.ContentType.Should().Be("image/jpeg", "a stored blob never changes, not even its type");
    }

    [Fact]
    public async Task PutAsync_ConcurrentWritersOfSameContent_ExactlyOneCreates()
    {
        var content = RandomNumberGenerator.GetBytes(200_000);
        using var start = new Barrier(8);

        var writes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await Store.PutAsync(content, "image/jpeg", CancellationToken.None);
        })));

        writes.Count(w => w.Write == BlobWrite.Created).Should().Be(1);
        writes.Select(w => w.Name).Distinct().Should().ContainSingle();
        (await Store.GetAsync(writes[0].Name, CancellationToken.None))!.Content.ToArray().Should().Equal(content);
    }

    [Fact]
    public async Task PutAsync_SixMegabytes_ReadBackByteForByte()
    {
        // Large enough that the SDK splits the upload into blocks, where transfer checksums act.
        var content = RandomNumberGenerator.GetBytes(6 * 1024 * 1024 + 17);

        var (name, _) = await Store.PutAsync(content, "image/jpeg", CancellationToken.None);

        (await Store.GetAsync(name, CancellationToken.None))!.Content.ToArray().Should().Equal(content);
    }

    [Fact]
    public async Task GetAsync_UnknownName_Null()
    {
        var name = BlobName.Of(RandomNumberGenerator.GetBytes(16));

        (await Store.GetAsync(name, CancellationToken.None)).Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678")]
    public void TryParse_NotSixtyFourLowercaseHexDigits_Refused(string text)
    {
        BlobName.TryParse(text, out _).Should().BeFalse();
    }
}
