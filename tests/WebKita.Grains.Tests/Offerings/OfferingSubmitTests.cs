using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;

namespace WebKita.Grains.Tests.Offerings;

public sealed class OfferingSubmitTests
{
    [Fact]
    public void Submit_OneTickBeforeOpens_RefusesNotOpen()
    {
        var outcome = Examples.Offering().Submit(null, Examples.Child(1), Examples.Opens.AddTicks(-1));

        outcome.Value.Should().BeNull();
        outcome.Refusal!.Code.Should().Be("registration.not_open");
        outcome.Refusal.Message.Should().Be("Registration opens at 2026-03-01T08:00:00.0000000+00:00.");
    }

    [Fact]
    public void Submit_ExactlyAtOpens_Allocates()
    {
        var outcome = Examples.Offering().Submit(null, Examples.Child(1), Examples.Opens);

        outcome.Refusal.Should().BeNull();
        outcome.Value!.Application.Status.Should().Be(ApplicationStatus.Accepted);
    }

    [Fact]
    public void Submit_OneTickBeforeCloses_Allocates()
    {
        var outcome = Examples.Offering().Submit(null, Examples.Child(1), Examples.Closes.AddTicks(-1));

        outcome.Refusal.Should().BeNull();
        outcome.Value!.Application.Status.Should().Be(ApplicationStatus.Accepted);
    }

    [Fact]
    public void Submit_ExactlyAtCloses_RefusesClosed()
    {
        var outcome = Examples.Offering().Submit(null, Examples.Child(1), Examples.Closes);

        outcome.Value.Should().BeNull();
        outcome.Refusal!.Code.Should().Be("registration.closed");
        outcome.Refusal.Message.Should().Be("Registration closed at 2026-03-15T18:00:00.0000000+00:00.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Submit_GradeOutsideRange_RefusesWithChildGradeField(int grade)
    {
        var offering = Examples.Offering();

        var outcome = offering.Submit(null, Examples.Child(1, grade), Examples.During);

        outcome.Refusal!.Code.Should().Be("application.grade_not_offered");
        outcome.Refusal.Message.Should().Be($"Grade {grade} is not offered; this offering takes grades 1 to 4.");
        outcome.Refusal.Fields!.Select(f => f.Field).Should().Equal("child.grade");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Submit_GradeAtRangeEdge_Allocates(int grade)
    {
        var outcome = Examples.Offering().Submit(null, Examples.Child(1, grade), Examples.During);

        outcome.Value!.Application.Status.Should().Be(ApplicationStatus.Accepted);
    }

    [Fact]
    public void Submit_FirstComeFirstServed_AllocatesWhilePlacesRemainThenWaitlistsInOrder()
    {
        var (offering, applications) = Examples.Submitted(Examples.Offering(capacity: 3), 7);

        applications.Select(a => a.Status).Should().Equal(
            ApplicationStatus.Accepted, ApplicationStatus.Accepted, ApplicationStatus.Accepted,
            ApplicationStatus.Waitlisted, ApplicationStatus.Waitlisted, ApplicationStatus.Waitlisted, ApplicationStatus.Waitlisted);
        applications.Select(a => a.Arrival).Should().Equal(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        applications.Skip(3).Select(a => offering.WaitlistPosition(a.Id)).Should().Equal(1, 2, 3, 4);
        applications.Take(3).Select(a => offering.WaitlistPosition(a.Id)).Should().AllSatisfy(p => p.Should().BeNull());
        offering.Allocated.Should().Be(3);
        offering.FreePlaces.Should().Be(0);
        offering.Arrivals.Should().Be(7);
        offering.Waitlist.Should().Equal(applications.Skip(3).Select(a => a.Id));
    }

    [Fact]
    public void Submit_New_ReturnsOneEventNamedAfterStatusWithPosition()
    {
        var (offering, _) = Examples.Submitted(Examples.Offering(capacity: 1), 2);

        var booking = offering.Submit(null, Examples.Child(3), Examples.During).Value!;

        booking.Created.Should().BeTrue();
        booking.Events.Should().ContainSingle();
        var e = booking.Events[0];
        e.Type.Should().Be("application.waitlisted");
        e.GrainId.Should().Be(booking.Application.Id);
        e.OccurredAt.Should().Be(Examples.During);
        e.Data.Should().Equal(new Dictionary<string, string>
        {
            ["offeringId"] = Examples.OfferingId.ToString(),
            ["status"] = "Waitlisted",
            ["waitlistPosition"] = "2",
        });
    }

    [Fact]
    public void Submit_SameChildWithOtherCaseAndSpaces_ReturnsExistingUnchanged()
    {
        var offering = Examples.Offering();
        var first = offering.Submit(null, new Child("Anna Lena", "Müller", new DateOnly(2018, 1, 2), 1), Examples.During).Value!;
        var again = new Child("  anna   LENA ", "MÜLLER ", new DateOnly(2018, 1, 2), 1);
        Application.IdFor(Examples.Tenant, Examples.OfferingId, again).Should().Be(first.Application.Id);

        var outcome = first.Offering.Submit(first.Application, again, Examples.During.AddHours(1));

        outcome.Value!.Created.Should().BeFalse();
        outcome.Value.Application.Should().BeSameAs(first.Application);
        outcome.Value.Offering.Should().BeSameAs(first.Offering);
        outcome.Value.Events.Should().BeEmpty();
    }

    [Fact]
    public void Submit_ExistingOutsideWindow_ReturnsExistingRatherThanRefusal()
    {
        var first = Examples.Offering().Submit(null, Examples.Child(1), Examples.During).Value!;

        var outcome = first.Offering.Submit(first.Application, Examples.Child(1), Examples.Closes.AddDays(1));

        outcome.Refusal.Should().BeNull();
        outcome.Value!.Created.Should().BeFalse();
    }

    [Fact]
    public void Submit_AfterWithdrawal_CreatesAgainWithSameIdAndNewArrival()
    {
        var (offering, applications) = Examples.Submitted(Examples.Offering(capacity: 1), 2);
        var withdrawal = offering.Withdraw(applications[0], Examples.During.AddHours(1)).Value!;
        var refilled = withdrawal.Offering.Offer(applications[1], Examples.During.AddHours(1)).Offering;

        var outcome = refilled.Submit(withdrawal.Application, Examples.Child(1), Examples.During.AddHours(2));

        var booking = outcome.Value!;
        booking.Created.Should().BeTrue();
        booking.Application.Id.Should().Be(applications[0].Id);
        booking.Application.Arrival.Should().Be(3);
        booking.Application.Status.Should().Be(ApplicationStatus.Waitlisted);
        booking.Application.SubmittedAt.Should().Be(Examples.During.AddHours(2));
        booking.Offering.Waitlist.Should().Equal(applications[0].Id);
    }

    [Fact]
    public void Submit_CriteriaAtDeadline_StaysSubmittedAndTakesNoPlace()
    {
        var (offering, applications) = Examples.Submitted(Examples.Offering(capacity: 1, mode: AllocationMode.CriteriaAtDeadline), 3);

        applications.Select(a => a.Status).Should().AllBeEquivalentTo(ApplicationStatus.Submitted);
        applications.Select(a => a.Arrival).Should().Equal(1L, 2L, 3L);
        offering.Allocated.Should().Be(0);
        offering.Waitlist.Should().BeEmpty();
        offering.NextOffer().Should().BeNull();
    }

    [Fact]
    public void Submit_CriteriaAtDeadline_EmitsSubmittedEventWithoutPosition()
    {
        var booking = Examples.Offering(mode: AllocationMode.CriteriaAtDeadline).Submit(null, Examples.Child(1), Examples.During).Value!;

        booking.Events.Select(e => e.Type).Should().Equal("application.submitted");
        booking.Events[0].Data.Should().NotContainKey("waitlistPosition");
    }
}
