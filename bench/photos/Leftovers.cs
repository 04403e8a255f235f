using System.Buffers.Binary;
using System.Text;

namespace WebKita.Bench.Photos;

/// <summary>Whether a JPEG still carries metadata: an APP1-APP15 or comment segment, or the secret in its bytes.</summary>
public static class Leftovers
{
    public static bool HasMetadata(byte[] jpeg)
    {
        if (Encoding.Latin1.GetString(jpeg).Contains(PhonePhotos.Secret, StringComparison.Ordinal))
        {
            return true;
        }

        var at = 2;
        while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF && jpeg[at + 1] != 0xDA)
        {
            if (jpeg[at + 1] is (>= 0xE1 and <= 0xEF) or 0xFE)
            {
                return true;
            }
            at += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
        }
        return false;
    }

    /// <summary>VmHWM: the peak resident set size of this process.</summary>
    public static long PeakRssBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
