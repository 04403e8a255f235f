using System.Diagnostics;

namespace WebKita.Bench.Mqtt;

/// <summary>Counts messages by the sequence number at the start of each payload; timestamps first and last.</summary>
internal sealed class DeliveryTally(int expected)
{
    private readonly bool[] _seen = new bool[expected];
    private long _first;
    private long _last;

    public int Received { get; private set; }

    public int Distinct { get; private set; }

    public int Duplicated => Received - Distinct;

    public int Lost => expected - Distinct;

    public bool Complete => Distinct == expected;

    public double MessagesPerSecond => Received < 2 ? 0 : Received / Stopwatch.GetElapsedTime(_first, _last).TotalSeconds;

    public void Record(ReadOnlySpan<byte> payload)
    {
        var now = Stopwatch.GetTimestamp();
        if (Received == 0)
        {
            _first = now;
        }

        _last = now;
        Received++;
        var sequence = 0;
        foreach (var digit in payload[..Payloads.SequenceDigits])
        {
            sequence = (sequence * 10) + (digit - '0');
        }

        if ((uint)sequence < (uint)_seen.Length && !_seen[sequence])
        {
            _seen[sequence] = true;
            Distinct++;
        }
    }
}
