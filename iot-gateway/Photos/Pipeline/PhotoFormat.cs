namespace WebKita.Photos.Pipeline;

/// <summary>The formats we accept from phones and kiosks; everything else is refused by its magic bytes.</summary>
public enum PhotoFormat
{
    Jpeg,
    Png,
    WebP,
    Heic,
}
