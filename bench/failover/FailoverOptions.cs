using System.Globalization;

namespace WebKita.Bench.Failover;

/// <summary>The knobs of one run, from <c>--name value</c> arguments.</summary>
public sealed record FailoverOptions
{
    public int Offerings { get; init; } = 6;

    // Small enough that every offering fills during the warm-up, so overbooking would show.
    public int Capacity { get; init; } = 200;

    public int Workers { get; init; } = 48;

    public int SecondsBeforeKill { get; init; } = 5;

    public int SecondsAfterKill { get; init; } = 6;

    public static FailoverOptions Parse(IReadOnlyList<string> args)
    {
        var options = new FailoverOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                throw new ArgumentException($"'{args[i]}' needs a positive whole number after it.", nameof(args));
            }

            options = args[i] switch
            {
                "--offerings" => options with { Offerings = value },
                "--capacity" => options with { Capacity = value },
                "--workers" => options with { Workers = value },
                "--seconds-before-kill" => options with { SecondsBeforeKill = value },
                "--seconds-after-kill" => options with { SecondsAfterKill = value },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.", nameof(args)),
            };
        }

        return options;
    }
}
