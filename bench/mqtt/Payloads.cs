namespace WebKita.Bench.Mqtt;

/// <summary>Lines of 200 ASCII bytes: a zero-padded sequence number, a space, filler.</summary>
internal static class Payloads
{
    public const int SequenceDigits = 9;
    public const int Size = 200;

    public static string Line(int sequence) =>
        sequence.ToString("D9", System.Globalization.CultureInfo.InvariantCulture) + " " + new string('x', Size - SequenceDigits - 1);
}
