using System.Text;
using NetVips;
using WebKita.Photos.Pipeline;

namespace WebKita.Photos.Tests.Pipeline;

public sealed class PhotoPipelineTests
{
    private static readonly PhotoLimits Limits = new();
    private readonly PhotoPipeline _pipeline = new(Limits);

    [Fact]
    public void Process_PhoneJpegTurnedByExif_UprightLargeAndSmallWithoutMetadata()
    {
        // Stored 2000 x 1000 with orientation 6: the camera was held upright, so the photo is 1000 x 2000.
        var upload = TestImages.PhoneJpeg(2000, 1000, orientation: 6);

        var photo = _pipeline.Process(upload, CancellationToken.None).Photo!;

        (photo.Width, photo.Height).Should().Be((800, 1600));
        using var large = Image.NewFromBuffer(photo.Large);
        using var small = Image.NewFromBuffer(photo.Small);
        (large.Width, large.Height).Should().Be((800, 1600));
        (small.Width, small.Height).Should().Be((160, 320));
        foreach (var jpeg in new[] { photo.Large, photo.Small })
        {
            TestImages.Markers(jpeg).Where(m => m is (>= 0xE1 and <= 0xEF) or 0xFE).Should().BeEmpty("no EXIF, XMP, ICC or comment segment may remain");
            Encoding.Latin1.GetString(jpeg).Should().NotContain(TestImages.SecretPlace);
        }
        large.GetFields().Should().NotContain(["exif-data", "xmp-data", "icc-profile-data", "iptc-data", "orientation"]);
    }

    [Fact]
    public void Process_SmallPng_KeepsItsSizeAsJpeg()
    {
        var photo = _pipeline.Process(TestImages.Png(300, 200), CancellationToken.None).Photo!;

        (photo.Source, photo.Width, photo.Height).Should().Be((PhotoFormat.Png, 300, 200));
        photo.Large.AsSpan(0, 3).ToArray().Should().Equal(0xFF, 0xD8, 0xFF);
    }

    [Fact]
    public void Process_DecompressionBombJpeg_RefusedFromTheHeader()
    {
        var refusal = _pipeline.Process(TestImages.JpegClaiming(60_000, 60_000), CancellationToken.None).Refusal!;

        refusal.Reason.Should().Be(RefusalReason.TooManyPixels);
        refusal.Detail.Should().Be("60000 x 60000 = 3600000000 pixels, at most 40000000 allowed");
        refusal.Code.Should().Be("photo.too_many_pixels");
    }

    [Fact]
    public void Process_DecompressionBombPng_Refused()
    {
        var bomb = TestImages.Png(8000, 6000);

        bomb.Length.Should().BeLessThan(200_000);
        _pipeline.Process(bomb, CancellationToken.None).Refusal!.Reason.Should().Be(RefusalReason.TooManyPixels);
    }

    [Fact]
    public void Process_TruncatedJpeg_RefusedAsDamaged()
    {
        var whole = TestImages.PhoneJpeg(1200, 900);

        var refusal = _pipeline.Process(whole[..(whole.Length * 6 / 10)], CancellationToken.None).Refusal!;

        refusal.Reason.Should().Be(RefusalReason.Damaged);
    }

    [Fact]
    public void Process_PngTextInflatingTo100Megabytes_RefusedAsMetadataBomb()
    {
        var bomb = TestImages.PngWithTextBomb(100 * 1024 * 1024);

        bomb.Length.Should().BeLessThan(Limits.MaxMetadataBytes, "the bomb is small; only inflated it is huge");
        _pipeline.Process(bomb, CancellationToken.None).Refusal!.Reason.Should().Be(RefusalReason.TooMuchMetadata);
    }

    [Fact]
    public void Process_JpegWithTwentyHugeComments_RefusedAsMetadataBomb()
    {
        _pipeline.Process(TestImages.JpegWithComments(20), CancellationToken.None).Refusal!.Reason.Should().Be(RefusalReason.TooMuchMetadata);
    }

    [Fact]
    public void Process_TenThousandFrameGif_RefusedByFormat()
    {
        var refusal = _pipeline.Process(TestImages.ManyFrameGif(10_000), CancellationToken.None).Refusal!;

        refusal.Reason.Should().Be(RefusalReason.FormatNotAllowed);
        refusal.Detail.Should().StartWith("gif is not allowed");
    }

    [Fact]
    public void Process_AnimatedWebP_RefusedForItsFrames()
    {
        var refusal = _pipeline.Process(TestImages.AnimatedWebP(3), CancellationToken.None).Refusal!;

        refusal.Reason.Should().Be(RefusalReason.TooManyFrames);
        refusal.Detail.Should().Be("3 frames, at most 1 allowed");
    }

    [Theory]
    [InlineData("Hallo, das ist kein Bild.", RefusalReason.NotAnImage)]
    [InlineData("<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>", RefusalReason.FormatNotAllowed)]
    [InlineData("%PDF-1.4 ...", RefusalReason.FormatNotAllowed)]
    public void Process_NotAnAllowedImage_Refused(string text, RefusalReason reason)
    {
        _pipeline.Process(Encoding.UTF8.GetBytes(text), CancellationToken.None).Refusal!.Reason.Should().Be(reason);
    }

    [Fact]
    public void Process_JpegMagicThenGarbage_RefusedAsDamaged()
    {
        byte[] upload = [0xFF, 0xD8, 0xFF, .. Encoding.ASCII.GetBytes(new string('x', 500))];

        _pipeline.Process(upload, CancellationToken.None).Refusal!.Reason.Should().Be(RefusalReason.Damaged);
    }

    [Fact]
    public void Process_OverTenMegabytes_RefusedBeforeLooking()
    {
        var refusal = _pipeline.Process(new byte[Limits.MaxBytes + 1], CancellationToken.None).Refusal!;

        refusal.Reason.Should().Be(RefusalReason.TooLarge);
        refusal.Detail.Should().Be("10485761 bytes, at most 10485760 allowed");
    }

    [Fact]
    public void Process_Empty_Refused()
    {
        _pipeline.Process([], CancellationToken.None).Refusal!.Reason.Should().Be(RefusalReason.Empty);
    }

    [Fact]
    public void Process_TimeLimitAlreadyOver_TimedOutWithoutOutput()
    {
        using var over = new CancellationTokenSource();
        over.Cancel();

        var outcome = _pipeline.Process(TestImages.PhoneJpeg(1000, 800), over.Token);

        outcome.Refusal!.Reason.Should().Be(RefusalReason.TimedOut);
        outcome.Photo.Should().BeNull();
    }

    [Fact]
    public void Process_AfterEveryHostileFile_ProcessStillWorksAndStaysSmall()
    {
        byte[][] hostile =
        [
            TestImages.JpegClaiming(60_000, 60_000),
            TestImages.Png(8000, 6000),
            TestImages.PhoneJpeg(1200, 900)[..20_000],
            TestImages.PngWithTextBomb(100 * 1024 * 1024),
            TestImages.ManyFrameGif(10_000),
            Encoding.UTF8.GetBytes("kein Bild"),
        ];

        var refusals = hostile.Select(file => _pipeline.Process(file, CancellationToken.None).Refusal).ToList();
        var afterwards = _pipeline.Process(TestImages.PhoneJpeg(1600, 1200), CancellationToken.None);

        refusals.Should().AllSatisfy(r => r.Should().NotBeNull());
        afterwards.Photo.Should().NotBeNull();
        Environment.WorkingSet.Should().BeLessThan(1024L * 1024 * 1024);
    }
}
