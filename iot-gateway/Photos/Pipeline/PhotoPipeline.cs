using System.Globalization;
using NetVips;

namespace WebKita.Photos.Pipeline;

/// <summary>
/// Makes an untrusted upload into two clean JPEGs. Checks cost nothing before they cost much:
/// size, then magic bytes, then the metadata budget, then the header (dimensions and frames,
/// without decoding pixels), and only then one decode, shrunk while loading, auto-rotated and
/// converted to sRGB. The saved JPEGs keep no metadata at all (EXIF with GPS, XMP, IPTC, ICC).
/// Thread-safe; CPU-bound and synchronous: call it through <see cref="PhotoDesk"/>, not on a
/// request thread.
/// </summary>
public sealed class PhotoPipeline
{
    private static readonly Dictionary<PhotoFormat, string> LoaderPrefix = new()
    {
        [PhotoFormat.Jpeg] = "jpegload",
        [PhotoFormat.Png] = "pngload",
        [PhotoFormat.WebP] = "webpload",
        [PhotoFormat.Heic] = "heifload",
    };

    private readonly PhotoLimits _limits;

    public PhotoPipeline(PhotoLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
        Libvips.EnsureConfigured();
    }

    /// <summary>
    /// Processes <paramref name="upload"/>. Expected refusals are values; <paramref name="cancellationToken"/>
    /// (the time limit) stops a decode in progress and answers <see cref="RefusalReason.TimedOut"/>.
    /// </summary>
    public PhotoOutcome Process(byte[] upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.Length == 0)
        {
            return PhotoOutcome.Refused(RefusalReason.Empty, "the upload is empty");
        }
        if (upload.Length > _limits.MaxBytes)
        {
            return PhotoOutcome.Refused(RefusalReason.TooLarge, $"{upload.Length} bytes, at most {_limits.MaxBytes} allowed");
        }

        var format = MagicBytes.Recognise(upload.AsSpan(0, Math.Min(upload.Length, 64)), out var other);
        if (format is null)
        {
            return other == "unknown"
                ? PhotoOutcome.Refused(RefusalReason.NotAnImage, "not a JPEG, PNG, WebP or HEIC image")
                : PhotoOutcome.Refused(RefusalReason.FormatNotAllowed, $"{other} is not allowed; JPEG, PNG, WebP or HEIC only");
        }

        var metadata = MetadataBudget.Count(format.Value, upload, _limits.MaxMetadataBytes);
        if (metadata > _limits.MaxMetadataBytes)
        {
            return PhotoOutcome.Refused(RefusalReason.TooMuchMetadata, $"more than {_limits.MaxMetadataBytes} bytes of metadata");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return TimedOut();
        }

        try
        {
            var header = ReadHeader(upload, format.Value);
            if (header.Refusal is not null)
            {
                return header;
            }

            return Render(upload, format.Value, header.Photo!, cancellationToken);
        }
        catch (VipsException exception)
        {
            return cancellationToken.IsCancellationRequested
                ? TimedOut()
                : PhotoOutcome.Refused(RefusalReason.Damaged, FirstLine(exception.Message));
        }
    }

    private PhotoOutcome ReadHeader(byte[] upload, PhotoFormat format)
    {
        // Lazy: this parses the header only; no pixel is decoded until something asks for one.
        using var header = Image.NewFromBuffer(upload, access: Enums.Access.Sequential, failOn: Enums.FailOn.Truncated);
        var loader = header.Contains("vips-loader") ? (string)header.Get("vips-loader") : "";
        if (!loader.StartsWith(LoaderPrefix[format], StringComparison.Ordinal))
        {
            return PhotoOutcome.Refused(RefusalReason.Damaged, $"looks like {format} but libvips read it with '{loader}'");
        }

        long pixels = (long)header.Width * header.Height;
        if (pixels > _limits.MaxPixels)
        {
            return PhotoOutcome.Refused(RefusalReason.TooManyPixels, string.Create(CultureInfo.InvariantCulture, $"{header.Width} x {header.Height} = {pixels} pixels, at most {_limits.MaxPixels} allowed"));
        }

        var frames = header.Contains("n-pages") ? Convert.ToInt32(header.Get("n-pages"), CultureInfo.InvariantCulture) : 1;
        if (frames > _limits.MaxFrames)
        {
            return PhotoOutcome.Refused(RefusalReason.TooManyFrames, $"{frames} frames, at most {_limits.MaxFrames} allowed");
        }

        return PhotoOutcome.Made(new ProcessedPhoto(format, header.Width, header.Height, [], []));
    }

    private PhotoOutcome Render(byte[] upload, PhotoFormat format, ProcessedPhoto header, CancellationToken cancellationToken)
    {
        // Not Image.ThumbnailBuffer: it does not fail on a truncated JPEG (it decodes the rest
        // grey). The same steps by hand: a JPEG shrinks while it decodes (1/2, 1/4 or 1/8), the
        // rest of the way by Lanczos, then upright by the orientation tag and into sRGB.
        var longEdge = Math.Max(header.Width, header.Height);
        var shrink = format == PhotoFormat.Jpeg ? JpegShrink(longEdge) : 1;
        using var loaded = Image.NewFromBuffer(
            upload,
            shrink > 1 ? $"shrink={shrink}" : "",
            access: Enums.Access.Sequential,
            failOn: Enums.FailOn.Truncated);
        var scale = Math.Min(1.0, (double)_limits.LargeEdge / Math.Max(loaded.Width, loaded.Height));
        using var resized = scale < 1.0 ? loaded.Resize(scale, kernel: Enums.Kernel.Lanczos3) : loaded.Copy();
        resized.SetProgress(NoProgress.Instance, cancellationToken);
        // The one decode, into memory: rotating needs random access, and the small JPEG is made from it.
        using var decoded = resized.CopyMemory();
        if (cancellationToken.IsCancellationRequested)
        {
            return TimedOut();
        }

        using var upright = decoded.Autorot();
        using var large = ToSrgb(upright);
        var largeJpeg = Save(large);
        using var small = large.ThumbnailImage(_limits.SmallEdge, height: _limits.SmallEdge, size: Enums.Size.Down);
        var smallJpeg = Save(small);
        return PhotoOutcome.Made(new ProcessedPhoto(format, large.Width, large.Height, largeJpeg, smallJpeg));
    }

    private int JpegShrink(int longEdge)
    {
        var shrink = 1;
        while (shrink < 8 && longEdge / (shrink * 2) >= _limits.LargeEdge)
        {
            shrink *= 2;
        }
        return shrink;
    }

    private static Image ToSrgb(Image image)
    {
        if (image.Contains("icc-profile-data"))
        {
            return image.IccTransform("srgb", embedded: true, intent: Enums.Intent.Perceptual, depth: 8);
        }
        return image.Interpretation == Enums.Interpretation.Srgb && image.Format == Enums.BandFormat.Uchar
            ? image.Copy()
            : image.Colourspace(Enums.Interpretation.Srgb).Cast(Enums.BandFormat.Uchar);
    }

    private byte[] Save(Image image) => image.JpegsaveBuffer(q: _limits.Quality, keep: Enums.ForeignKeep.None);

    private static PhotoOutcome TimedOut() => PhotoOutcome.Refused(RefusalReason.TimedOut, "processing took longer than the time limit");

    private static string FirstLine(string message) => message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "libvips could not read the image";

    private sealed class NoProgress : IProgress<int>
    {
        public static NoProgress Instance { get; } = new();

        public void Report(int value)
        {
        }
    }
}
