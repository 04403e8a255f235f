using System.Collections.Immutable;
using WebKita.Grains.Defects;
using WebKita.Grains.Devices;

namespace WebKita.Grains.Alarms;

/// <summary>
/// When telemetry raises an alarm of <see cref="Type"/>: the <see cref="Raise"/> condition holds
/// for at least <see cref="HoldFor"/> (duration) and in at least <see cref="InARow"/> readings in a
/// row (repeating); both optional, neither means at once. With <see cref="SchoolHoursOnly"/>, a
/// reading outside the schedule does not count and breaks the run. The alarm clears by itself
/// when <see cref="Clear"/> holds (default: the raise condition no longer holds), so a clear
/// threshold apart from the raise one keeps a value near it from flapping.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.AlarmRule")]
public sealed record AlarmRule(
    string Type,
    Threshold Raise,
    Threshold? Clear,
    TimeSpan? HoldFor,
    int? InARow,
    Severity Severity,
    ImmutableList<SeverityStep> Worse,
    bool SchoolHoursOnly)
{
    public Measurement Measurement => Raise.Measurement;

    public RuleStep Evaluate(RuleProgress progress, Alarm? active, DateTimeOffset at, double value, bool inSchoolHours)
    {
        // Most readings are normal: decide those without computing anything else.
        var raiseHolds = Raise.Holds(value);
        if (active is not null)
        {
            var clears = Clear?.Holds(value) ?? !raiseHolds;
            return clears
                ? new RuleStep(RuleProgress.None, AlarmChange.Cleared, active.Severity)
                : raiseHolds && SeverityOf(value) is var worse && worse > active.Severity
                    ? new RuleStep(RuleProgress.None, AlarmChange.SeverityRaised, worse)
                    : new RuleStep(RuleProgress.None, AlarmChange.None, active.Severity);
        }

        if (!raiseHolds || (SchoolHoursOnly && !inSchoolHours))
        {
            return new RuleStep(RuleProgress.None, AlarmChange.None, Severity);
        }

        var severity = SeverityOf(value);

        var held = new RuleProgress(progress.HoldingSince ?? at, progress.InARow + 1);
        var longEnough = HoldFor is not { } hold || at - held.HoldingSince!.Value >= hold;
        var oftenEnough = InARow is not { } times || held.InARow >= times;
        return longEnough && oftenEnough
            ? new RuleStep(RuleProgress.None, AlarmChange.Raised, severity)
            : new RuleStep(held, AlarmChange.None, severity);
    }

    /// <summary>The rule's severity, or that of the worst step the value reaches.</summary>
    public Severity SeverityOf(double value)
    {
        var severity = Severity;
        foreach (var step in Worse)
        {
            if ((Raise.Comparison == Comparison.Below ? value < step.Value : value > step.Value) && step.Severity > severity)
            {
                severity = step.Severity;
            }
        }

        return severity;
    }
}
