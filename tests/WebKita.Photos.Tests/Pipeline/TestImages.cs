using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NetVips;

namespace WebKita.Photos.Tests.Pipeline;

/// <summary>Photos and hostile files made in the test, byte by byte or with libvips.</summary>
public static class TestImages
{
    public const string SecretPlace = "GPS 50.0782 N 8.2398 E Schulhof";

    /// <summary>A noisy RGB JPEG with an EXIF orientation tag and XMP naming a place.</summary>
    public static byte[] PhoneJpeg(int width, int height, int orientation = 1)
    {
        using var noise = Image.Gaussnoise(width, height, sigma: 40, mean: 128);
        using var rgb = noise.Bandjoin(noise, noise).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        using var tagged = rgb.Mutate(image =>
        {
            image.Set(GValue.GIntType, "orientation", orientation);
            image.Set(GValue.BlobType, "xmp-data", Encoding.UTF8.GetBytes($"<x:xmpmeta xmlns:x='adobe:ns:meta/'>{SecretPlace}</x:xmpmeta>"));
        });
        return tagged.JpegsaveBuffer(q: 85);
    }

    public static byte[] Png(int width, int height)
    {
        using var black = Image.Black(width, height);
        return black.PngsaveBuffer(compression: 9);
    }

    /// <summary>A small JPEG whose frame header claims 60,000 x 60,000 pixels.</summary>
    public static byte[] JpegClaiming(int width, int height)
    {
        var jpeg = PhoneJpeg(64, 64);
        for (var at = 2; at + 9 < jpeg.Length; at++)
        {
            if (jpeg[at] == 0xFF && jpeg[at + 1] is 0xC0 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(at + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(at + 7), (ushort)width);
                return jpeg;
            }
        }
        throw new InvalidOperationException("no frame header");
    }

    /// <summary>A valid PNG with a zTXt chunk that inflates to <paramref name="inflatedBytes"/>.</summary>
    public static byte[] PngWithTextBomb(int inflatedBytes)
    {
        var png = Png(16, 16);
        using var compressed = new MemoryStream();
        compressed.Write("Comment\0\0"u8);
        using (var deflate = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var written = 0; written < inflatedBytes; written += zeros.Length)
            {
                deflate.Write(zeros, 0, Math.Min(zeros.Length, inflatedBytes - written));
            }
        }
        var chunk = Chunk("zTXt", compressed.ToArray());
        // After the signature (8) and IHDR (25).
        return [.. png.AsSpan(0, 33), .. chunk, .. png.AsSpan(33)];
    }

    /// <summary>A JPEG with <paramref name="count"/> comment segments of 65,000 bytes each.</summary>
    public static byte[] JpegWithComments(int count)
    {
        var jpeg = PhoneJpeg(32, 32);
        using var output = new MemoryStream();
        output.Write(jpeg, 0, 2);
        var body = new byte[65_000];
        for (var i = 0; i < count; i++)
        {
            output.Write([0xFF, 0xFE]);
            output.Write([(byte)((body.Length + 2) >> 8), (byte)((body.Length + 2) & 0xFF)]);
            output.Write(body);
        }
        output.Write(jpeg, 2, jpeg.Length - 2);
        return output.ToArray();
    }

    /// <summary>A GIF of <paramref name="frames"/> 1x1 frames, written byte by byte.</summary>
    public static byte[] ManyFrameGif(int frames)
    {
        using var output = new MemoryStream();
        output.Write("GIF89a"u8);
        output.Write([1, 0, 1, 0, 0x80, 0, 0]); // 1x1 screen, 2-colour global table
        output.Write([0, 0, 0, 255, 255, 255]);
        for (var i = 0; i < frames; i++)
        {
            output.Write([0x21, 0xF9, 4, 0, 1, 0, 0, 0]); // graphic control: 10 ms
            output.Write([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]);
            output.Write([2, 2, 0x44, 0x01, 0]);
        }
        output.WriteByte(0x3B);
        return output.ToArray();
    }

    /// <summary>An animated WebP of <paramref name="frames"/> frames.</summary>
    public static byte[] AnimatedWebP(int frames)
    {
        // Noise, so that no two frames are equal: the encoder merges equal frames into one.
        using var noise = Image.Gaussnoise(32, 32 * frames, sigma: 60, mean: 128);
        using var strip = noise.Cast(Enums.BandFormat.Uchar);
        using var animated = strip.Mutate(image =>
        {
            image.Set(GValue.GIntType, "page-height", 32);
            image.Set(GValue.ArrayIntType, "delay", Enumerable.Repeat(100, frames).ToArray());
        });
        return animated.WebpsaveBuffer();
    }

    /// <summary>The JPEG markers up to the start of scan, e.g. 0xE0 for APP0.</summary>
    public static IReadOnlyList<byte> Markers(byte[] jpeg)
    {
        var markers = new List<byte>();
        var at = 2;
        while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF && jpeg[at + 1] != 0xDA)
        {
            markers.Add(jpeg[at + 1]);
            at += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
        }
        return markers;
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
