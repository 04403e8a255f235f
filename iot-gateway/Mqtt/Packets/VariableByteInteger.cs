namespace WebKita.Mqtt.Packets;

/// <summary>The 1–4 byte base-128 integer of §1.5.5; a fifth continuation byte is malformed.</summary>
internal static class VariableByteInteger
{
    public const int MaxValue = 268_435_455;

    public static int Size(int value) => value switch
    {
        < 128 => 1,
        < 16_384 => 2,
        < 2_097_152 => 3,
        _ => 4,
    };

    public static int Write(Span<byte> destination, int value)
    {
        if ((uint)value > MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"a variable byte integer holds at most {MaxValue}");
        }

        var count = 0;
        do
        {
            var digit = (byte)(value % 128);
            value /= 128;
            if (value > 0)
            {
                digit |= 0x80;
            }

            destination[count++] = digit;
        }
        while (value > 0);
        return count;
    }

    /// <summary>Returns false when <paramref name="source"/> ends before the integer does.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out int value, out int consumed)
    {
        value = 0;
        var multiplier = 1;
        for (consumed = 0; consumed < source.Length; )
        {
            var digit = source[consumed++];
            value += (digit & 0x7F) * multiplier;
            if ((digit & 0x80) == 0)
            {
                return true;
            }

            if (consumed == 4)
            {
                throw MqttProtocolException.Malformed("variable byte integer longer than 4 bytes");
            }

            multiplier *= 128;
        }

        return false;
    }
}
