using System.Diagnostics;
using WebKita.Mqtt.Packets;
using Xunit.Abstractions;

namespace WebKita.Mqtt.Tests.Codec;

public sealed class DecoderFuzzTests(ITestOutputHelper output)
{
    private const int Inputs = 100_000;
    private const int MaximumPacketSize = 4096;

    [Fact]
    public async Task Decode_100000RandomAndMutatedPackets_OnlyProtocolExceptionsAndNoHang()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var corpus = PacketSamples.All.Select(PacketSamples.Encode).Where(b => b.Length <= MaximumPacketSize).ToArray();

        var stopwatch = Stopwatch.StartNew();
        var outcome = await Task.Run(() => Run(seed, corpus)).WaitAsync(TimeSpan.FromSeconds(60));

        output.WriteLine($"{Inputs} inputs in {stopwatch.Elapsed.TotalSeconds:0.00} s: {outcome.Decoded} decoded, {outcome.Rejected} rejected");
        outcome.Failure.Should().BeNull();
        (outcome.Decoded + outcome.Rejected).Should().Be(Inputs);
        outcome.Rejected.Should().BeGreaterThan(Inputs / 2, "most random input must be rejected, else the generator is broken");
        outcome.Decoded.Should().BeGreaterThan(0, "some mutations stay valid, else the mutator is broken");
    }

    private static (int Decoded, int Rejected, string? Failure) Run(int seed, byte[][] corpus)
    {
        var random = new Random(seed);
        int decoded = 0, rejected = 0;
        for (var i = 0; i < Inputs; i++)
        {
            var input = i % 4 == 0 ? RandomBytes(random) : Mutate(random, corpus[random.Next(corpus.Length)]);
            try
            {
                PacketFramer.DecodeSingle(input, MaximumPacketSize);
                decoded++;
            }
            catch (MqttProtocolException)
            {
                rejected++;
            }
            catch (Exception exception)
            {
                return (decoded, rejected, $"input {i} ({Convert.ToHexString(input)}) threw {exception}");
            }
        }

        return (decoded, rejected, null);
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        if (bytes.Length > 1 && random.Next(2) == 0)
        {
            // A plausible remaining length makes the random body reach the packet decoders.
            bytes[1] = (byte)Math.Min(bytes.Length - 2, 127);
        }

        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] original)
    {
        var bytes = original.ToList();
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, random.Next(1, bytes.Count - at + 1));
                    break;
                case 3:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 4:
                    bytes[0] = (byte)((bytes[0] & 0xF0) | random.Next(16));
                    break;
                default:
                    if (bytes.Count > 1)
                    {
                        // Keep the remaining length consistent with the mutated body so the decoders, not the framer, see it.
                        bytes[1] = (byte)Math.Min(bytes.Count - 2, 127);
                    }

                    break;
            }
        }

        return [.. bytes];
    }
}
