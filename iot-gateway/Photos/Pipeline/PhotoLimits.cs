namespace WebKita.Photos.Pipeline;

/// <summary>Configuration section <c>Photos:Limits</c>: what an upload may be, and what we make of it.</summary>
public sealed record PhotoLimits
{
    public long MaxBytes { get; init; } = 10 * 1024 * 1024;

    public long MaxPixels { get; init; } = 40_000_000;

    public int MaxFrames { get; init; } = 1;

    /// <summary>Metadata (JPEG APPn and COM segments, PNG text, EXIF and ICC chunks after inflating) a file may carry.</summary>
    public int MaxMetadataBytes { get; init; } = 1024 * 1024;

    /// <summary>How long one photo may take from decode to the last JPEG.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(20);

    public int LargeEdge { get; init; } = 1600;

    public int SmallEdge { get; init; } = 320;

    public int Quality { get; init; } = 82;

    /// <summary>Photos decoded at once; each may hold a few hundred MB of decode buffers.</summary>
    public int Workers { get; init; } = 2;
}
