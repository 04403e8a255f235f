using WebKita.Photos.Pipeline;

namespace WebKita.Photos.Tests.Pipeline;

public sealed class PhotoDeskTests
{
    [Fact]
    public async Task ProcessAsync_SeveralAtOnce_EachGetsItsOwnOutcome()
    {
        var limits = new PhotoLimits { Workers = 2 };
        using var desk = new PhotoDesk(new PhotoPipeline(limits), limits, TimeProvider.System);
        byte[][] uploads = [TestImages.PhoneJpeg(900, 600), TestImages.ManyFrameGif(3), TestImages.PhoneJpeg(600, 900), TestImages.Png(50, 40)];

        var outcomes = await Task.WhenAll(uploads.Select(upload => desk.ProcessAsync(upload, CancellationToken.None)));

        outcomes.Select(o => o.Photo is null ? "refused" : $"{o.Photo.Width}x{o.Photo.Height}")
            .Should().Equal("900x600", "refused", "600x900", "50x40");
    }

    [Fact]
    public async Task ProcessAsync_TimeLimitZero_TimedOut()
    {
        var limits = new PhotoLimits { Workers = 1, TimeLimit = TimeSpan.Zero };
        using var desk = new PhotoDesk(new PhotoPipeline(limits), limits, TimeProvider.System);

        var outcome = await desk.ProcessAsync(TestImages.PhoneJpeg(900, 600), CancellationToken.None);

        outcome.Refusal!.Reason.Should().Be(RefusalReason.TimedOut);
    }

    [Fact]
    public async Task ProcessAsync_CallerLeft_Cancelled()
    {
        var limits = new PhotoLimits { Workers = 1 };
        using var desk = new PhotoDesk(new PhotoPipeline(limits), limits, TimeProvider.System);
        using var left = new CancellationTokenSource();
        left.Cancel();

        var act = () => desk.ProcessAsync(TestImages.PhoneJpeg(90, 60), left.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
