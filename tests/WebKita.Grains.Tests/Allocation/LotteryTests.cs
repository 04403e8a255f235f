using System.Buffers.Binary;
using System.Security.Cryptography;
using WebKita.Grains.Allocation;

namespace WebKita.Grains.Tests.Allocation;

public sealed class LotteryTests
{
    private static readonly Guid Application = Guid.Parse("a0000000-0000-4000-8000-000000000001");

    [Fact]
    public void Draw_KnownInput_MatchesPublishedRecipe()
    {
        // The recipe families and courts can follow: sha256(utf8(seed) || id in RFC byte order), first 8 bytes big-endian.
        byte[] input = [.. "seed"u8, 0xa0, 0, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, 1];
        var expected = BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(input));

        Lottery.Draw("seed", Application).Should().Be(expected);
    }

    [Fact]
    public void Draw_SameSeedAndApplication_IsReproducible()
    {
        Lottery.Draw("2026-04-01", Application).Should().Be(Lottery.Draw("2026-04-01", Application));
    }

    [Fact]
    public void Draw_OtherSeed_GivesOtherNumber()
    {
        Lottery.Draw("2026-04-01", Application).Should().NotBe(Lottery.Draw("2026-04-02", Application));
    }

    [Fact]
    public void Draw_EmptySeed_Throws()
    {
        var draw = () => Lottery.Draw("", Application);

        draw.Should().Throw<ArgumentException>();
    }
}
