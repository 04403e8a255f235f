using System.Diagnostics;
using System.Globalization;
using WebKita.Testing;

namespace WebKita.Bench.Ingest;

/// <summary>
/// The real gateway (<c>dotnet iot-gateway/bin/Release/net10.0/WebKita.IotGateway.dll</c>) over
/// PostgreSQL, configured through the environment. Its progress lines (every 200 ms) give the
/// committed count over time: a message is counted once its effect is committed and acknowledged.
/// </summary>
internal static class GatewayRun
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static ChildProcess Start(MosquittoBroker broker, string connectionString) => ChildProcess.Start(
        "dotnet",
        [GatewayDll()],
        new Dictionary<string, string?>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Silo__Store"] = "Postgres",
            ["Silo__ConnectionString"] = connectionString,
            ["Broker__Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Broker__GatewayUser"] = broker.GatewayUser,
            ["Broker__GatewayPassword"] = broker.GatewayPassword,
            ["Ingestion__ClientId"] = "bench-gateway",
            ["Ingestion__ProgressInterval"] = "00:00:00.2",
        });

    /// <summary>Creates the gateway's persistent session and shared subscription, then stops it, so the burst queues for it.</summary>
    public static async Task PrepareSessionAsync(MosquittoBroker broker, string connectionString)
    {
        await using var gateway = Start(broker, connectionString);
        await gateway.WaitForLineAsync(l => l.Contains("ingestion running", StringComparison.Ordinal), StartTimeout);
        gateway.Signal(15);
        await gateway.WaitForExitAsync(StartTimeout);
    }

    /// <summary>
    /// Runs the gateway until it has handled <paramref name="total"/> messages. The committed rate
    /// runs from the progress line that passes <paramref name="warmUp"/> to the one that reaches the
    /// total; the cold rate, from the first progress line to that one, is the warm-up's.
    /// </summary>
    public static async Task<GatewayDrain> DrainAsync(MosquittoBroker broker, string connectionString, int total, int warmUp, Func<int, CpuShares> shares, TimeSpan timeout)
    {
        await using var gateway = Start(broker, connectionString);
        var clock = Stopwatch.StartNew();
        (TimeSpan At, long Handled)? first = null;
        (TimeSpan At, long Handled)? warm = null;
        (TimeSpan At, long Handled) last = default;
        CpuShares? warmCpu = null;
        CpuShares? lastCpu = null;
        await gateway.WaitForLineAsync(
            line =>
            {
                if (Handled(line) is not { } handled || handled == 0)
                {
                    return false;
                }

                last = (clock.Elapsed, handled);
                first ??= last;
                if (handled >= warmUp && warm is null)
                {
                    warm = last;
                    warmCpu = shares(gateway.Id);
                }

                if (handled >= total)
                {
                    lastCpu = shares(gateway.Id);
                }

                return handled >= total;
            },
            timeout);
        var peakRss = PeakRssMegabytes(gateway.Id);
        var cpu = ProcessCpu.Seconds(gateway.Id);
        gateway.Signal(15);
        var stopped = await gateway.WaitForLineAsync(l => l.Contains("ingestion stopped: ", StringComparison.Ordinal), StartTimeout);
        await gateway.WaitForExitAsync(StartTimeout);
        return new GatewayDrain(
            Rate(warm!.Value, last),
            Rate(first!.Value, warm.Value),
            Handled(stopped) ?? 0,
            peakRss,
            cpu,
            clock.Elapsed.TotalSeconds,
            (lastCpu! - warmCpu!).PerMessage(last.Handled - warm.Value.Handled),
            stopped[(stopped.IndexOf("ingestion stopped: ", StringComparison.Ordinal) + "ingestion stopped: ".Length)..]);
    }

    private static double Rate((TimeSpan At, long Handled) from, (TimeSpan At, long Handled) to)
    {
        var seconds = (to.At - from.At).TotalSeconds;
        return seconds > 0 ? (to.Handled - from.Handled) / seconds : 0;
    }

    private static long? Handled(string line)
    {
        var at = line.IndexOf("handled ", StringComparison.Ordinal);
        return at < 0 || !line.Contains("ingestion ", StringComparison.Ordinal)
            ? null
            : long.Parse(line[(at + "handled ".Length)..].Split(',')[0], CultureInfo.InvariantCulture);
    }

    private static long PeakRssMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    }

    private static string GatewayDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "iot-gateway", "bin", "Release", "net10.0", "WebKita.IotGateway.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("iot-gateway/bin/Release/net10.0/WebKita.IotGateway.dll not found above " + AppContext.BaseDirectory);
    }
}

internal sealed record GatewayDrain(double MessagesPerSecond, double ColdMessagesPerSecond, long Handled, long PeakRssMegabytes, double CpuSeconds, double WallSeconds, string MeasuredCpu, string Counters);
