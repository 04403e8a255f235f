using WebKita.Grains.Alarms;

namespace WebKita.Grains.Tests.Alarms;

public sealed class ScheduleTests
{
    [Theory]
    [InlineData("2026-11-23T06:59:00+01:00", false)] // Monday before 7:00 local
    [InlineData("2026-11-23T07:00:00+01:00", true)]
    [InlineData("2026-11-23T16:59:00+01:00", true)]
    [InlineData("2026-11-23T17:00:00+01:00", false)]
    [InlineData("2026-11-22T10:00:00+01:00", false)] // Sunday
    [InlineData("2026-06-22T05:30:00+00:00", true)] // 7:30 in Berlin summer time
    public void IsOpen_WeekdaysSevenToFive_FollowsLocalTime(string at, bool open)
    {
        Schedule.Weekdays.IsOpen(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(open);
    }

    [Fact]
    public void IsOpen_ClosedDay_IsClosedAllDay()
    {
        var schedule = Schedule.Weekdays with { ClosedDays = [new DateOnly(2026, 11, 23)] };

        schedule.IsOpen(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1))).Should().BeFalse();
        schedule.IsOpen(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(1))).Should().BeTrue();
    }
}
