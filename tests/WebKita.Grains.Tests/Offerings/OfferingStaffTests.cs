using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;

namespace WebKita.Grains.Tests.Offerings;

/// <summary>Staff confirm accepted places and reject with a reason; a place a rejection frees goes on.</summary>
public sealed class OfferingStaffTests
{
    private static readonly DateTimeOffset T = Examples.During.AddDays(1);

    /// <summary>Two places: children 1 and 2 hold them, 3 and 4 wait.</summary>
    private static OfferingWorld Full() => new OfferingWorld(Examples.Offering(capacity: 2)).Submit(1, 4, Examples.During);

    [Fact]
    public void Confirm_Accepted_BecomesTheContract()
    {
        var world = Full();

        world.Do(1, (o, a) => o.Confirm(a, T), T).Should().BeNull();

        world.Of(1).Should().Match<Application>(a => a.Status == ApplicationStatus.Confirmed && a.ChangedAt == T);
        world.Offering.Allocated.Should().Be(2);
        world.Events[^1].Should().Match<Grains.Common.DomainEvent>(e => e.Type == "application.confirmed" && e.GrainId == world.Of(1).Id && e.Data["status"] == "Confirmed");
    }

    [Fact]
    public void Confirm_Repeated_ChangesNothing()
    {
        var world = Full();
        world.Do(1, (o, a) => o.Confirm(a, T), T);

        var again = world.Offering.Confirm(world.Of(1), T.AddHours(1)).Value!;

        again.Changed.Should().BeFalse();
        again.Application.Should().BeSameAs(world.Of(1));
    }

    [Theory]
    [InlineData(3, "Offered")]
    [InlineData(4, "Waitlisted")]
    public void Confirm_NotAccepted_Refused(int child, string status)
    {
        var world = Full();
        world.ChangeCapacity(3, T); // offers child 3

        var refusal = world.Offering.Confirm(world.Of(child), T).Refusal!;

        refusal.Code.Should().Be("application.not_accepted");
        refusal.Message.Should().EndWith($"this application is {status}.");
    }

    [Fact]
    public void Reject_Accepted_ReasonStoredAndShownAndThePlaceOffered()
    {
        var world = Full();

        world.Do(2, (o, a) => o.Reject(a, "  Kind besucht eine andere Schule. ", T), T).Should().BeNull();

        world.Of(2).Should().Match<Application>(a => a.Status == ApplicationStatus.Rejected && a.Reason == "Kind besucht eine andere Schule.");
        world.Of(3).Status.Should().Be(ApplicationStatus.Offered);
        var rejected = world.Events.Single(e => e.Type == "application.rejected");
        rejected.Data["reason"].Should().Be("Kind besucht eine andere Schule.");
    }

    [Fact]
    public void Reject_Waitlisted_LeavesTheWaitlistAndFreesNoPlace()
    {
        var world = Full();

        world.Do(3, (o, a) => o.Reject(a, "Doppelte Anmeldung", T), T);

        world.Offering.Waitlist.Should().Equal(world.Of(4).Id);
        world.Offering.Allocated.Should().Be(2);
    }

    [Fact]
    public void Reject_Offered_OfferClosedAndThePlaceGoesOn()
    {
        var world = Full();
        world.ChangeCapacity(3, T);

        world.Do(3, (o, a) => o.Reject(a, "Nicht im Einzugsgebiet", T.AddHours(1)), T.AddHours(1));

        world.Of(4).Status.Should().Be(ApplicationStatus.Offered);
        world.Offering.Offers.Should().Equal(new OpenOffer(world.Of(4).Id, T.AddHours(1).AddDays(7)));
        world.Offering.Allocated.Should().Be(3);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Reject_WithoutReason_RefusedWithTheField(string? reason)
    {
        var world = Full();

        var refusal = world.Offering.Reject(world.Of(1), reason, T).Refusal!;

        refusal.Code.Should().Be("reason.required");
        refusal.Fields.Should().ContainSingle().Which.Field.Should().Be("reason");
    }

    [Fact]
    public void Reject_ReasonTooLong_Refused()
    {
        var world = Full();

        world.Offering.Reject(world.Of(1), new string('x', RejectionReason.MaxLength + 1), T).Refusal!.Code.Should().Be("reason.required");
        world.Offering.Reject(world.Of(1), new string('x', RejectionReason.MaxLength), T).Refusal.Should().BeNull();
    }

    [Fact]
    public void Reject_Confirmed_RefusedBecauseItIsAContract()
    {
        var world = Full();
        world.Do(1, (o, a) => o.Confirm(a, T), T);

        world.Offering.Reject(world.Of(1), "Zu spät", T).Refusal!.Code.Should().Be("application.confirmed");
    }

    [Fact]
    public void Reject_Repeated_ChangesNothing()
    {
        var world = Full();
        world.Do(3, (o, a) => o.Reject(a, "Doppelt", T), T);

        var again = world.Offering.Reject(world.Of(3), "Doppelt", T.AddHours(1)).Value!;

        again.Changed.Should().BeFalse();
        again.Application.Reason.Should().Be("Doppelt");
    }

    [Fact]
    public void Reject_Withdrawn_RefusedAsEnded()
    {
        var world = Full();
        world.Do(4, (o, a) => o.Withdraw(a, T), T);

        world.Offering.Reject(world.Of(4), "Egal", T).Refusal!.Code.Should().Be("application.ended");
    }

    [Fact]
    public void Withdraw_Confirmed_FreesTheContractedPlaceForTheNext()
    {
        var world = Full();
        world.Do(1, (o, a) => o.Confirm(a, T), T);

        world.Do(1, (o, a) => o.Withdraw(a, T.AddDays(1)), T.AddDays(1));

        world.Of(1).Status.Should().Be(ApplicationStatus.Withdrawn);
        world.Of(3).Status.Should().Be(ApplicationStatus.Offered);
    }

    [Fact]
    public void Withdraw_Ended_KeepsItAsItIs()
    {
        var world = Full();
        world.Do(3, (o, a) => o.Reject(a, "Doppelt", T), T);

        var withdrawal = world.Offering.Withdraw(world.Of(3), T.AddHours(1)).Value!;

        withdrawal.Changed.Should().BeFalse();
        withdrawal.Application.Status.Should().Be(ApplicationStatus.Rejected, "the family keeps seeing why");
    }
}
