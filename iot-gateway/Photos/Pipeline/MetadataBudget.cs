using System.Buffers.Binary;
using System.IO.Compression;

namespace WebKita.Photos.Pipeline;

/// <summary>
/// Counts the metadata a JPEG or PNG carries, walking its segments or chunks without decoding
/// anything, and inflating compressed PNG text only up to the budget: a 200 KB zTXt chunk that
/// inflates to 500 MB costs at most the budget here, and the file is refused before libvips
/// reads it. WebP and HEIC are left to libvips, which does not inflate their metadata.
/// </summary>
public static class MetadataBudget
{
    /// <summary>The metadata bytes counted, capped at <paramref name="budget"/> + 1.</summary>
    public static long Count(PhotoFormat format, ReadOnlySpan<byte> file, int budget) => format switch
    {
        PhotoFormat.Jpeg => CountJpeg(file, budget),
        PhotoFormat.Png => CountPng(file, budget),
        _ => 0,
    };

    private static long CountJpeg(ReadOnlySpan<byte> file, int budget)
    {
        long total = 0;
        var at = 2;
        while (at + 4 <= file.Length && file[at] == 0xFF)
        {
            var marker = file[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }
            if (marker is 0xDA or 0xD9)
            {
                break; // Start of scan: the rest is entropy-coded pixels.
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(file[(at + 2)..]);
            if (marker is (>= 0xE1 and <= 0xEF) or 0xFE)
            {
                total += length;
                if (total > budget)
                {
                    return budget + 1L;
                }
            }
            at += 2 + length;
        }
        return total;
    }

    private static long CountPng(ReadOnlySpan<byte> file, int budget)
    {
        long total = 0;
        var at = 8;
        while (at + 12 <= file.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(file[at..]);
            var type = System.Text.Encoding.ASCII.GetString(file.Slice(at + 4, 4));
            if (length > int.MaxValue || at + 12 + (long)length > file.Length)
            {
                break;
            }

            var data = file.Slice(at + 8, (int)length);
            total += type switch
            {
                "tEXt" or "eXIf" => data.Length,
                "zTXt" => Inflated(data, AfterKeyword(data) + 1, budget - total),
                "iCCP" => Inflated(data, AfterKeyword(data) + 1, budget - total),
                "iTXt" => InternationalText(data, budget - total),
                _ => 0,
            };
            if (total > budget)
            {
                return budget + 1L;
            }
            if (type == "IEND")
            {
                break;
            }
            at += 12 + (int)length;
        }
        return total;
    }

    private static int AfterKeyword(ReadOnlySpan<byte> data)
    {
        var end = data.IndexOf((byte)0);
        return end < 0 ? data.Length : end + 1;
    }

    private static long InternationalText(ReadOnlySpan<byte> data, long room)
    {
        var at = AfterKeyword(data);
        if (at + 2 > data.Length)
        {
            return data.Length;
        }
        var compressed = data[at] == 1;
        // Skip the compression flag and method, then the language tag and translated keyword.
        var rest = at + 2;
        for (var zeros = 0; zeros < 2 && rest < data.Length; rest++)
        {
            if (data[rest] == 0)
            {
                zeros++;
            }
        }
        return compressed ? Inflated(data, rest, room) : data.Length;
    }

    private static long Inflated(ReadOnlySpan<byte> data, int start, long room)
    {
        if (start >= data.Length)
        {
            return data.Length;
        }

        using var input = new MemoryStream(data[start..].ToArray());
        using var inflater = new ZLibStream(input, CompressionMode.Decompress);
        var buffer = new byte[64 * 1024];
        long inflated = 0;
        try
        {
            int read;
            while (inflated <= room && (read = inflater.Read(buffer)) > 0)
            {
                inflated += read;
            }
        }
        catch (InvalidDataException)
        {
            // Broken compressed text is libvips' to judge; count what inflated.
        }
        return Math.Max(inflated, data.Length);
    }
}
