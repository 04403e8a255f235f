namespace WebKita.Photos.Pipeline;

/// <summary>
/// Recognises a file by its first bytes, before libvips sees it: only the allow-listed formats
/// pass, whatever the file name or content type claimed.
/// </summary>
public static class MagicBytes
{
    private static readonly string[] HeicBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"];

    /// <summary>The allowed format, or null with a name for what it is instead (gif, pdf, …, unknown).</summary>
    public static PhotoFormat? Recognise(ReadOnlySpan<byte> head, out string other)
    {
        other = "";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return PhotoFormat.Jpeg;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return PhotoFormat.Png;
        }
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return PhotoFormat.WebP;
        }
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(head[8..12]);
            if (HeicBrands.Contains(brand))
            {
                return PhotoFormat.Heic;
            }
            other = "ftyp " + brand;
            return null;
        }

        other = head.StartsWith("GIF8"u8) ? "gif"
            : head.StartsWith("%PDF"u8) ? "pdf"
            : head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8) ? "tiff"
            : head.StartsWith("BM"u8) ? "bmp"
            : head.IndexOf("<svg"u8) >= 0 ? "svg"
            : "unknown";
        return null;
    }
}
