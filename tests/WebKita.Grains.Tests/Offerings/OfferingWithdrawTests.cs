using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;

namespace WebKita.Grains.Tests.Offerings;

public sealed class OfferingWithdrawTests
{
    private static readonly DateTimeOffset Later = Examples.During.AddDays(1);

    [Fact]
    public void Withdraw_Allocated_FreesOnePlaceAndMarksWithdrawn()
    {
        var (offering, applications) = Examples.Submitted(Examples.Offering(capacity: 2), 4);

        var withdrawal = offering.Withdraw(applications[1], Later).Value!;

        withdrawal.Offering.Allocated.Should().Be(1);
        withdrawal.Offering.FreePlaces.Should().Be(1);
        withdrawal.Offering.Waitlist.Should().Equal(applications[2].Id, applications[3].Id);
        withdrawal.Offering.NextOffer().Should().Be(applications[2].Id, "the freed place is offered to the head of the waitlist");
        withdrawal.Application.Should().Be(applications[1] with { Status = ApplicationStatus.Withdrawn, ChangedAt = Later });
        withdrawal.Events.Select(e => (e.Type, e.GrainId, e.OccurredAt)).Should().Equal(("application.withdrawn", applications[1].Id, Later));
    }

    [Fact]
    public void Withdraw_Waitlisted_RemovesItAndShiftsPositionsWithoutFreeingAPlace()
    {
        var (offering, applications) = Examples.Submitted(Examples.Offering(capacity: 1), 4);

        var withdrawal = offering.Withdraw(applications[1], Later).Value!;

        withdrawal.Offering.Allocated.Should().Be(1);
        withdrawal.Offering.Waitlist.Should().Equal(applications[2].Id, applications[3].Id);
        withdrawal.Offering.WaitlistPosition(applications[2].Id).Should().Be(1);
        withdrawal.Offering.WaitlistPosition(applications[3].Id).Should().Be(2);
        withdrawal.Offering.WaitlistPosition(applications[1].Id).Should().BeNull();
        withdrawal.Offering.NextOffer().Should().BeNull();
    }

    [Fact]
    public void Withdraw_AlreadyWithdrawn_ChangesNothing()
    {
        var (offering, applications) = Examples.Submitted(Examples.Offering(capacity: 1), 2);
        var first = offering.Withdraw(applications[0], Later).Value!;

        var second = first.Offering.Withdraw(first.Application, Later.AddHours(1)).Value!;

        second.Offering.Should().BeSameAs(first.Offering);
        second.Application.Should().BeSameAs(first.Application);
        second.Events.Should().BeEmpty();
    }

    [Fact]
    public void Withdraw_ApplicationOfOtherOffering_Throws()
    {
        var (offering, applications) = Examples.Submitted(Examples.Offering(), 1);
        var foreign = applications[0] with { OfferingId = Guid.Parse("0ff00000-0000-4000-8000-000000000002") };

        var withdraw = () => offering.Withdraw(foreign, Later);

        withdraw.Should().Throw<ArgumentException>()
            .WithMessage($"Application {foreign.Id} belongs to offering {foreign.OfferingId}, not {Examples.OfferingId}.*");
    }

    [Fact]
    public void Withdraw_Submitted_KeepsOfferingCounts()
    {
        var (offering, applications) = Examples.Submitted(Examples.Offering(mode: AllocationMode.CriteriaAtDeadline), 2);

        var withdrawal = offering.Withdraw(applications[0], Later).Value!;

        withdrawal.Offering.Should().BeSameAs(offering);
        withdrawal.Application.Status.Should().Be(ApplicationStatus.Withdrawn);
    }
}
