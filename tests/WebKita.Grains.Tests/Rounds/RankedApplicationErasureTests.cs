using WebKita.Grains.Applications;
using WebKita.Grains.Rounds;
using WebKita.Grains.Tests.Allocation;

namespace WebKita.Grains.Tests.Rounds;

public sealed class RankedApplicationErasureTests
{
    private static readonly DateTimeOffset Later = RoundWorld.Deadline.AddDays(1);

    [Theory]
    [InlineData(ApplicationStatus.Submitted)]
    [InlineData(ApplicationStatus.Waitlisted)]
    [InlineData(ApplicationStatus.Offered)]
    [InlineData(ApplicationStatus.Accepted)]
    [InlineData(ApplicationStatus.Confirmed)]
    public void ErasePersonalData_WaitingOrHoldingPlace_Refused(ApplicationStatus status)
    {
        var application = Application() with { Status = status };

        application.ErasePersonalData(Later).Refusal!.Code.Should().Be("application.active");
    }

    [Theory]
    [InlineData(ApplicationStatus.Withdrawn)]
    [InlineData(ApplicationStatus.Declined)]
    [InlineData(ApplicationStatus.Expired)]
    [InlineData(ApplicationStatus.Rejected)]
    public void ErasePersonalData_Ended_NameBirthDayAndFamilyGoRankingDataStays(ApplicationStatus status)
    {
        var application = Application() with { Status = status };

        var erased = application.ErasePersonalData(Later).Value!;

        erased.Should().BeEquivalentTo(application with
        {
            Child = new Child(Grains.Applications.Application.ErasedName, Grains.Applications.Application.ErasedName, new DateOnly(2019, 1, 1), 3),
            FamilyId = null,
            ChangedAt = Later,
        });
    }

    /// <summary>A run's application with a family, claims and an explanation: what erasure must sort into gone and kept.</summary>
    private static RankedApplication Application()
    {
        var world = new RoundWorld((1, AllocationExamples.SchoolA, 0));
        world.Submit(1, [1], AllocationExamples.Employed(2));
        world.Run();
        return world.Of(1) with { FamilyId = Guid.Parse("fa000000-0000-4000-8000-000000000001") };
    }
}
