namespace WebKita.Photos.Pipeline;

/// <summary>
/// An upload made safe: upright, sRGB, without any metadata, as a JPEG whose long edge is at
/// most <see cref="PhotoLimits.LargeEdge"/> and one at most <see cref="PhotoLimits.SmallEdge"/>.
/// </summary>
public sealed record ProcessedPhoto(PhotoFormat Source, int Width, int Height, byte[] Large, byte[] Small);
