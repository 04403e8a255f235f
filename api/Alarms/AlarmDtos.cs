using WebKita.Api.Devices;
using WebKita.Grains.Alarms;
using WebKita.Grains.Devices;

namespace WebKita.Api.Alarms;

public sealed record SeverityStepDto(double Value, string? Severity);

/// <summary>One rule; "clear" defaults to the raise condition no longer holding.</summary>
public sealed record AlarmRuleDto(
    string? Type, string? Measurement, string? Comparison, double Value, string? ClearComparison, double? ClearValue,
    int? HoldForMinutes, int? InARow, string? Severity, IReadOnlyList<SeverityStepDto>? Worse, bool SchoolHoursOnly)
{
    public static AlarmRuleDto From(AlarmRule r) => new(
        r.Type, Measurements.Code(r.Measurement), Code(r.Raise.Comparison), r.Raise.Value, r.Clear is { } c ? Code(c.Comparison) : null, r.Clear?.Value,
        r.HoldFor is { } hold ? (int)hold.TotalMinutes : null, r.InARow, r.Severity.ToString().ToLowerInvariant(),
        [.. r.Worse.Select(w => new SeverityStepDto(w.Value, w.Severity.ToString().ToLowerInvariant()))], r.SchoolHoursOnly);

    public static string Code(Comparison comparison) => comparison.ToString().ToLowerInvariant();
}

public sealed record SchoolHoursDto(DayOfWeek Day, TimeOnly From, TimeOnly To);

public sealed record ScheduleDto(string? TimeZone, IReadOnlyList<SchoolHoursDto>? Hours, IReadOnlyList<DateOnly>? ClosedDays);

public sealed record AlarmProfileRequest(string? Name, Guid? SchoolId, IReadOnlyList<AlarmRuleDto>? Rules, ScheduleDto? Schedule, int? OfflineAfterMinutes);

public sealed record AlarmProfileResponse(Guid Id, string Name, Guid? SchoolId, IReadOnlyList<AlarmRuleDto> Rules, ScheduleDto Schedule, int OfflineAfterMinutes)
{
    public static AlarmProfileResponse From(AlarmProfile p) => new(
        p.Id, p.Name, p.SchoolId, [.. p.Rules.Select(AlarmRuleDto.From)],
        new ScheduleDto(p.Schedule.TimeZone, [.. p.Schedule.Hours.Select(h => new SchoolHoursDto(h.Day, h.From, h.To))], p.Schedule.ClosedDays),
        (int)p.OfflineAfter.TotalMinutes);
}

/// <summary>An active alarm with the device and place it belongs to.</summary>
public sealed record ActiveAlarmResponse(string DeviceId, Guid SchoolId, Guid BuildingId, string? Room, AlarmResponse Alarm);
