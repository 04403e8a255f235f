using System.Globalization;

namespace WebKita.Bench.Allocation;

/// <summary>
/// The knobs of one run, from <c>--name value</c> arguments. The defaults give each phase a few
/// seconds of work on a 2-core machine. An offering holds at most 10,000 places, so a phase
/// books at most 20,000 calls (capacity is half the calls).
/// </summary>
public sealed record BenchOptions
{
    public int PgbenchClients { get; init; } = 16;

    public int PgbenchSeconds { get; init; } = 10;

    public int SiloCalls { get; init; } = 20_000;

    // "As many concurrent callers as it takes": enough that two batches (one deciding, one
    // committing) are full at once.
    public int SiloCallers { get; init; } = 5_000;

    public int SiloWarmUpCalls { get; init; } = 10_000;

    // Rounds of SiloWarmUpCalls at most, ended as the http phase ends its warm-up.
    public int SiloWarmUpRounds { get; init; } = 6;

    public int HttpCalls { get; init; } = 20_000;

    public int HttpWarmUpCalls { get; init; } = 10_000;

    // Rounds of HttpWarmUpCalls at most: the warm-up ends once the api's CPU per booking stops falling.
    public int HttpWarmUpRounds { get; init; } = 6;

    // An opening rush is thousands of families at once (DOMAIN.md); 1,000 requests in flight
    // is a modest model of it and lets the silo batch as it would then.
    public int HttpConcurrency { get; init; } = 1_000;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                throw new ArgumentException($"'{args[i]}' needs a positive whole number after it.", nameof(args));
            }

            options = args[i] switch
            {
                "--pgbench-clients" => options with { PgbenchClients = value },
                "--pgbench-seconds" => options with { PgbenchSeconds = value },
                "--silo-calls" => options with { SiloCalls = value },
                "--silo-callers" => options with { SiloCallers = value },
                "--silo-warm-up-calls" => options with { SiloWarmUpCalls = value },
                "--silo-warm-up-rounds" => options with { SiloWarmUpRounds = value },
                "--http-calls" => options with { HttpCalls = value },
                "--http-concurrency" => options with { HttpConcurrency = value },
                "--http-warm-up-calls" => options with { HttpWarmUpCalls = value },
                "--http-warm-up-rounds" => options with { HttpWarmUpRounds = value },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.", nameof(args)),
            };
        }

        return options;
    }
}
