using WebKita.Api.Problems;
using WebKita.Grains.Alarms;
using WebKita.Grains.Defects;
using WebKita.Grains.Devices;

namespace WebKita.Api.Alarms;

/// <summary>Turns the wire form of rules into the domain's; the domain then checks ranges and consistency.</summary>
internal static class AlarmRuleParser
{
    public static (IReadOnlyList<AlarmRule>? Rules, IResult? Problem) Parse(IReadOnlyList<AlarmRuleDto> rules)
    {
        var parsed = new List<AlarmRule>(rules.Count);
        foreach (var (dto, i) in rules.Select((r, i) => (r, i)))
        {
            if (!Measurements.TryParse(dto.Measurement, out var measurement)
                || !TryComparison(dto.Comparison, out var comparison)
                || !TrySeverity(dto.Severity, out var severity)
                || (dto.ClearValue is not null && !TryComparison(dto.ClearComparison, out _)))
            {
                return (null, RefusalResults.Invalid(
                    $"rules[{i}]", $"needs a measurement ({string.Join(", ", Measurements.Codes)}), comparison and clearComparison below|above, severity warning|minor|major|critical"));
            }

            var worse = new List<SeverityStep>();
            foreach (var step in dto.Worse ?? [])
            {
                if (!TrySeverity(step.Severity, out var stepSeverity))
                {
                    return (null, RefusalResults.Invalid($"rules[{i}].worse", "each needs a severity warning|minor|major|critical"));
                }

                worse.Add(new SeverityStep(step.Value, stepSeverity));
            }

            Threshold? clear = dto.ClearValue is { } clearValue && TryComparison(dto.ClearComparison, out var clearComparison)
                ? new Threshold(measurement, clearComparison, clearValue)
                : null;
            parsed.Add(new AlarmRule(
                dto.Type ?? "", new Threshold(measurement, comparison, dto.Value), clear,
                dto.HoldForMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null, dto.InARow, severity, [.. worse], dto.SchoolHoursOnly));
        }

        return (parsed, null);
    }

    private static bool TryComparison(string? code, out Comparison comparison) =>
        Enum.TryParse(code, ignoreCase: true, out comparison) && Enum.IsDefined(comparison) && !int.TryParse(code, out _);

    private static bool TrySeverity(string? code, out Severity severity) =>
        Enum.TryParse(code, ignoreCase: true, out severity) && Enum.IsDefined(severity) && !int.TryParse(code, out _);
}
