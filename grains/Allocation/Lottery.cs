using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace WebKita.Grains.Allocation;

/// <summary>
/// The tie-break by lot. The seed is drawn and published before the run; anyone can recompute a
/// number with standard tools: SHA-256 over the seed's UTF-8 bytes followed by the application
/// id's 16 bytes in RFC 9562 (big-endian) order, first 8 bytes read as a big-endian unsigned
/// integer. The lower number wins a tie.
/// </summary>
public static class Lottery
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Draw(string seed, Guid applicationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(seed);
        // Drawn for every application of a run: no garbage for a seed of usual length.
        var seedLength = Encoding.UTF8.GetByteCount(seed);
        Span<byte> input = seedLength <= 256 ? stackalloc byte[seedLength + 16] : new byte[seedLength + 16];
        Encoding.UTF8.GetBytes(seed, input);
        applicationId.TryWriteBytes(input[seedLength..], bigEndian: true, out _);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
