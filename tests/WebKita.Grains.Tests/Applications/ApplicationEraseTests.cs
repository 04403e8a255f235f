using WebKita.Grains.Applications;
using WebKita.Grains.Tests.Offerings;

namespace WebKita.Grains.Tests.Applications;

public sealed class ApplicationEraseTests
{
    private static readonly DateTimeOffset Now = Examples.During.AddDays(3);

    [Theory]
    [InlineData(ApplicationStatus.Submitted)]
    [InlineData(ApplicationStatus.Waitlisted)]
    [InlineData(ApplicationStatus.Offered)]
    [InlineData(ApplicationStatus.Accepted)]
    [InlineData(ApplicationStatus.Confirmed)]
    public void ErasePersonalData_HoldsOrWaitsForAPlace_Refused(ApplicationStatus status)
    {
        var application = Examples.Submitted(Examples.Offering(), 1).Applications[0] with { Status = status };

        application.ErasePersonalData(Now).Refusal!.Code.Should().Be("application.active");
    }

    [Theory]
    [InlineData(ApplicationStatus.Withdrawn)]
    [InlineData(ApplicationStatus.Declined)]
    [InlineData(ApplicationStatus.Expired)]
    [InlineData(ApplicationStatus.Rejected)]
    public void ErasePersonalData_Ended_KeepsOnlyStatistics(ApplicationStatus status)
    {
        var application = Examples.Submitted(Examples.Offering(), 1).Applications[0] with { Status = status, FamilyId = Guid.NewGuid() };

        var erased = application.ErasePersonalData(Now).Value!;

        erased.Child.Should().Be(new Child(Application.ErasedName, Application.ErasedName, new DateOnly(2018, 1, 1), 2));
        erased.Should().Match<Application>(a => a.FamilyId == null && a.Status == status && a.ChangedAt == Now);
    }
}
