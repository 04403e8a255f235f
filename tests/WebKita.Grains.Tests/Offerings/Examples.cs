using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;

namespace WebKita.Grains.Tests.Offerings;

/// <summary>Valid terms and children that tests vary one field at a time.</summary>
internal static class Examples
{
    public static readonly TenantId Tenant = new("kreis-test");
    public static readonly Guid SchoolId = Guid.Parse("5c0a0000-0000-4000-8000-000000000001");
    public static readonly Guid OfferingId = Guid.Parse("0ff00000-0000-4000-8000-000000000001");
    public static readonly DateTimeOffset Opens = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Closes = new(2026, 3, 15, 18, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset During = Opens.AddDays(1);

    public static OfferingTerms Terms(int capacity = 2, AllocationMode mode = AllocationMode.FirstComeFirstServed) =>
        new(SchoolId, "Modul 2 bis 17:00", OfferingKind.SchoolYearModule, capacity, new RegistrationWindow(Opens, Closes), new GradeRange(1, 4), mode);

    public static Offering Offering(int capacity = 2, AllocationMode mode = AllocationMode.FirstComeFirstServed) =>
        WebKita.Grains.Offerings.Offering.Create(Tenant, OfferingId, Terms(capacity, mode)).Value!;

    public static Child Child(int n, int grade = 2) => new($"Kind{n}", "Muster", new DateOnly(2018, 5, 1).AddDays(n), grade);

    /// <summary>Submits children 1..<paramref name="count"/> in order and returns the offering and their applications.</summary>
    public static (Offering Offering, List<Application> Applications) Submitted(Offering offering, int count)
    {
        var applications = new List<Application>();
        for (var n = 1; n <= count; n++)
        {
            var booking = offering.Submit(null, Child(n), During.AddMinutes(n)).Value!;
            offering = booking.Offering;
            applications.Add(booking.Application);
        }

        return (offering, applications);
    }
}
