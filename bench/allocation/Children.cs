using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;

namespace WebKita.Bench.Allocation;

/// <summary>The distinct children and offering terms both booking phases use.</summary>
public static class Children
{
    public static Child Number(int i) =>
        new($"Kind{i}", "Bench", new DateOnly(2017, 1, 1).AddDays(i % 1000), 1 + (i % 4));

    /// <summary>First come, first served, open since a minute ago for a day, grades 1 to 4.</summary>
    public static OfferingTerms Terms(Guid schoolId, int capacity)
    {
        var now = DateTimeOffset.UtcNow;
        return new OfferingTerms(
            schoolId, "Hot holiday week", OfferingKind.HolidayWeek, capacity,
            new RegistrationWindow(now.AddMinutes(-1), now.AddDays(1)), new GradeRange(1, 4), AllocationMode.FirstComeFirstServed);
    }
}
