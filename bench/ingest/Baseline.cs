using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using WebKita.Testing;

namespace WebKita.Bench.Ingest;

/// <summary>
/// mosquitto_sub as the baseline: a persistent QoS 1 session (as the gateway account) made before
/// the bursts, drained afterwards; rate from the first to the last message of the measured burst,
/// which follows the warm-up burst's <c>skip</c> messages as it does for the gateway.
/// </summary>
internal static partial class Baseline
{
    private const string ClientId = "bench-mosquitto-sub";
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(15);

    public static async Task CreateSessionAsync(MosquittoBroker broker) =>
        await RunAsync(broker, ["-E"]);

    public static async Task<(int Received, int Lost, int Duplicated, double MessagesPerSecond)> DrainAsync(MosquittoBroker broker, int count, int skip)
    {
        using var subscriber = Process.Start(new ProcessStartInfo(MosquittoBroker.FindOnPath("mosquitto_sub"), [.. Arguments(broker), "-C", count.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
        })!;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var received = 0;
        var duplicated = 0;
        Stopwatch? clock = null;
        var last = TimeSpan.Zero;
        using var idle = new CancellationTokenSource(IdleTimeout);
        try
        {
            while (await subscriber.StandardOutput.ReadLineAsync(idle.Token) is { } line)
            {
                idle.CancelAfter(IdleTimeout);
                if (++received > skip)
                {
                    clock ??= Stopwatch.StartNew();
                    last = clock.Elapsed;
                }

                var match = Identity().Match(line);
                if (!seen.Add($"{match.Groups[1].Value}/{match.Groups[2].Value}"))
                {
                    duplicated++;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine($"mosquitto_sub: nothing for {IdleTimeout.TotalSeconds} s after {received} messages");
            subscriber.Kill();
        }

        await subscriber.WaitForExitAsync();
        // The measured burst's first message starts the clock, so the rate counts the intervals after it.
        var measured = received - skip;
        var rate = measured > 1 && last > TimeSpan.Zero ? (measured - 1) / last.TotalSeconds : 0;
        return (received, count - seen.Count, duplicated, rate);
    }

    private static string[] Arguments(MosquittoBroker broker) =>
    [
        "-V", "mqttv5", "-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture),
        "-u", broker.GatewayUser, "-P", broker.GatewayPassword,
        "-q", "1", "-c", "-x", "3600", "-t", "sue/v1/+/+", "-i", ClientId,
    ];

    private static async Task RunAsync(MosquittoBroker broker, string[] extra)
    {
        var result = await Command.RunAsync(MosquittoBroker.FindOnPath("mosquitto_sub"), [.. Arguments(broker), .. extra], TimeSpan.FromSeconds(30));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"mosquitto_sub exited with {result.ExitCode}: {result.Output}");
        }
    }

    [GeneratedRegex("\"deviceId\":\"([^\"]+)\",\"messageId\":\"([^\"]+)\"")]
    private static partial Regex Identity();
}
