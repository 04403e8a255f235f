using WebKita.Grains.Alarms;
using WebKita.Grains.Defects;
using WebKita.Grains.Devices;

namespace WebKita.Grains.Tests.Alarms;

public sealed class AlarmRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static readonly AlarmRule Cold = new(
        "temperature_low", new(Measurement.Temperature, Comparison.Below, 17), new(Measurement.Temperature, Comparison.Above, 18),
        TimeSpan.FromMinutes(30), null, Severity.Minor, [new(14, Severity.Major)], false);

    private static readonly AlarmRule Co2 = new(
        "co2_high", new(Measurement.Co2, Comparison.Above, 1500), null, null, 3, Severity.Warning, [], false);

    private static readonly AlarmRule Leak = new(
        "water_leak", new(Measurement.WaterLeak, Comparison.Above, 0.5), null, null, null, Severity.Critical, [], false);

    /// <summary>Feeds readings (minutes after T0, value) to the rule without an active alarm; returns the step of the last.</summary>
    private static RuleStep Run(AlarmRule rule, params (int Minutes, double Value)[] readings)
    {
        var progress = RuleProgress.None;
        RuleStep step = default;
        foreach (var (minutes, value) in readings)
        {
            step = rule.Evaluate(progress, null, T0.AddMinutes(minutes), value, inSchoolHours: true);
            progress = step.Progress;
            if (step.Change == AlarmChange.Raised)
            {
                break;
            }
        }

        return step;
    }

    [Fact]
    public void Evaluate_ThresholdWithoutDuration_RaisesAtOnce()
    {
        Run(Leak, (0, 1)).Change.Should().Be(AlarmChange.Raised);
        Run(Leak, (0, 0)).Change.Should().Be(AlarmChange.None);
    }

    [Fact]
    public void Evaluate_Duration_RaisesOnlyOnceHeldForIt()
    {
        Run(Cold, (0, 16), (29, 16)).Change.Should().Be(AlarmChange.None);
        Run(Cold, (0, 16), (29, 16), (30, 16.5)).Should().Be(new RuleStep(RuleProgress.None, AlarmChange.Raised, Severity.Minor));
    }

    [Fact]
    public void Evaluate_DurationBrokenByGoodReading_StartsAgain()
    {
        Run(Cold, (0, 16), (20, 17.5), (35, 16)).Should().Be(new RuleStep(new RuleProgress(T0.AddMinutes(35), 1), AlarmChange.None, Severity.Minor));
    }

    [Fact]
    public void Evaluate_Repeating_RaisesAtTheNthInARow()
    {
        Run(Co2, (0, 1600), (1, 1700)).Change.Should().Be(AlarmChange.None);
        Run(Co2, (0, 1600), (1, 1700), (2, 1800)).Change.Should().Be(AlarmChange.Raised);
        Run(Co2, (0, 1600), (1, 1400), (2, 1800), (3, 1800)).Change.Should().Be(AlarmChange.None);
    }

    [Fact]
    public void Evaluate_SchoolHoursOnlyOutsideHours_DoesNotCountAndBreaksTheRun()
    {
        var rule = Leak with { SchoolHoursOnly = true };

        rule.Evaluate(RuleProgress.None, null, T0, 1, inSchoolHours: false).Should().Be(new RuleStep(RuleProgress.None, AlarmChange.None, Severity.Critical));
        rule.Evaluate(RuleProgress.None, null, T0, 1, inSchoolHours: true).Change.Should().Be(AlarmChange.Raised);
    }

    [Fact]
    public void Evaluate_WorseValue_RaisesWithHigherSeverity()
    {
        Run(Cold, (0, 13), (30, 13)).Severity.Should().Be(Severity.Major);
    }

    [Fact]
    public void Evaluate_ActiveAndWorse_RaisesSeverityOnly()
    {
        var active = new Alarm(Guid.NewGuid(), Cold.Type, Severity.Minor, T0, 16, null, 0);

        Cold.Evaluate(RuleProgress.None, active, T0.AddMinutes(40), 13.5, true).Change.Should().Be(AlarmChange.SeverityRaised);
        Cold.Evaluate(RuleProgress.None, active with { Severity = Severity.Major }, T0.AddMinutes(40), 16, true).Change.Should().Be(AlarmChange.None);
    }

    [Fact]
    public void Evaluate_SeparateClearCondition_ClearsOnlyWhenItHolds()
    {
        var active = new Alarm(Guid.NewGuid(), Cold.Type, Severity.Minor, T0, 16, null, 0);

        Cold.Evaluate(RuleProgress.None, active, T0.AddMinutes(40), 17.5, true).Change.Should().Be(AlarmChange.None, "17.5 no longer raises but does not clear");
        Cold.Evaluate(RuleProgress.None, active, T0.AddMinutes(40), 18.5, true).Change.Should().Be(AlarmChange.Cleared);
    }

    [Fact]
    public void Evaluate_NoClearCondition_ClearsWhenRaiseNoLongerHolds()
    {
        var active = new Alarm(Guid.NewGuid(), Leak.Type, Severity.Critical, T0, 1, null, 0);

        Leak.Evaluate(RuleProgress.None, active, T0.AddMinutes(1), 0, true).Change.Should().Be(AlarmChange.Cleared);
    }
}
