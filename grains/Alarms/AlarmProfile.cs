using System.Collections.Immutable;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Grains.Devices;

namespace WebKita.Grains.Alarms;

/// <summary>
/// The alarm rules a device is judged by: a device names its profile; a device without one takes
/// its school's (the profile whose <see cref="SchoolId"/> is the device's school), and failing
/// that <see cref="Default"/>. <see cref="OfflineAfter"/>: silence for that long raises "offline".
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.AlarmProfile")]
public sealed record AlarmProfile(
    TenantId Tenant, Guid Id, string Name, Guid? SchoolId, ImmutableList<AlarmRule> Rules, Schedule Schedule, TimeSpan OfflineAfter)
{
    public const string OfflineType = "offline";
    public const int MaxRules = 50;

    /// <summary>The examples of the county's own wishes: cold classroom in school hours, leak at once, silence for 2 hours.</summary>
    public static AlarmProfile Default(TenantId tenant) => new(
        tenant,
        Guid.Empty,
        "Standard",
        null,
        [
            new("temperature_low", new(Measurement.Temperature, Comparison.Below, 17), new(Measurement.Temperature, Comparison.Above, 18),
                TimeSpan.FromMinutes(30), null, Severity.Minor, [new(14, Severity.Major)], true),
            new("water_leak", new(Measurement.WaterLeak, Comparison.Above, 0.5), null, null, null, Severity.Critical, [], false),
            new("co2_high", new(Measurement.Co2, Comparison.Above, 1500), new(Measurement.Co2, Comparison.Below, 1000),
                null, 3, Severity.Warning, [new(2500, Severity.Minor)], true),
            new("humidity_high", new(Measurement.Humidity, Comparison.Above, 70), new(Measurement.Humidity, Comparison.Below, 60),
                TimeSpan.FromHours(1), null, Severity.Warning, [], false),
            new("battery_low", new(Measurement.Battery, Comparison.Below, 15), new(Measurement.Battery, Comparison.Above, 30),
                null, 3, Severity.Warning, [new(5, Severity.Minor)], false),
        ],
        Schedule.Weekdays,
        TimeSpan.FromHours(2));

    public static Outcome<AlarmProfile> Create(
        TenantId tenant, Guid id, string name, Guid? schoolId, IReadOnlyList<AlarmRule> rules, Schedule schedule, TimeSpan offlineAfter)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            problems.Add(new("name", "must be 1 to 200 characters"));
        }

        if (rules.Count > MaxRules)
        {
            problems.Add(new("rules", $"at most {MaxRules}"));
        }

        foreach (var (rule, i) in rules.Select((r, i) => (r, i)))
        {
            problems.AddRange(Problems(rule, $"rules[{i}]"));
        }

        if (rules.Select(r => r.Type).Distinct(StringComparer.Ordinal).Count() != rules.Count || rules.Any(r => r.Type == OfflineType))
        {
            problems.Add(new("rules", $"types must be distinct and not '{OfflineType}'"));
        }

        if (!Schedule.IsKnownTimeZone(schedule.TimeZone))
        {
            problems.Add(new("schedule.timeZone", "must be an IANA time zone such as Europe/Berlin"));
        }

        if (schedule.Hours.Any(h => h.To <= h.From))
        {
            problems.Add(new("schedule.hours", "each day's hours must end after they start"));
        }

        if (offlineAfter < TimeSpan.FromMinutes(1) || offlineAfter > TimeSpan.FromDays(7))
        {
            problems.Add(new("offlineAfter", "must be 1 minute to 7 days"));
        }

        return problems.Count > 0
            ? new Refusal("alarm_profile.invalid", "The alarm profile is not valid.", problems)
            : Outcome<AlarmProfile>.Done(new AlarmProfile(tenant, id, name.Trim(), schoolId, [.. rules], schedule, offlineAfter));
    }

    private static IEnumerable<FieldProblem> Problems(AlarmRule rule, string field)
    {
        if (rule.Type is not { Length: >= 1 and <= 40 } || !rule.Type.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            yield return new($"{field}.type", "must be 1 to 40 characters of a-z, 0-9 and '_'");
        }

        if (!Measurements.InRange(rule.Raise.Measurement, rule.Raise.Value))
        {
            yield return new($"{field}.raise", "must lie within the measurement's range");
        }

        if (rule.Clear is { } clear && (clear.Measurement != rule.Measurement || !Measurements.InRange(clear.Measurement, clear.Value)))
        {
            yield return new($"{field}.clear", "must be on the same measurement, within its range");
        }

        if (rule.HoldFor is { } hold && (hold < TimeSpan.Zero || hold > TimeSpan.FromDays(1)))
        {
            yield return new($"{field}.holdFor", "must be 0 to 24 hours");
        }

        if (rule.InARow is < 1 or > 1000)
        {
            yield return new($"{field}.inARow", "must be 1 to 1000");
        }
    }
}
