using WebKita.Grains.Applications;
using WebKita.Grains.Rounds;
using static WebKita.Grains.Tests.Allocation.AllocationExamples;

namespace WebKita.Grains.Tests.Rounds;

/// <summary>Offers, answers and staff decisions after the run, as chains under fake time.</summary>
public sealed class RoundOfferTests
{
    private static readonly DateTimeOffset Day1 = RoundWorld.Deadline.AddDays(1);

    /// <summary>Offering 1 (school A, 2 places), offering 2 (school B, 1 place); child 3 (25 points) waits at both, child 5 (none) behind it at 2.</summary>
    private static RoundWorld Allocated()
    {
        var world = new RoundWorld((1, SchoolA, 2), (2, SchoolB, 1));
        world.Submit(1, [1, 2], Employed(2));
        world.Submit(2, [1, 2], Employed(1));
        world.Submit(3, [1, 2], Training(1));
        world.Submit(4, [2], Employed(1));
        world.Submit(5, [2]);
        world.Run();
        return world;
    }

    [Fact]
    public void Decline_FreesThePlace_NextInRankOrderOfferedAndLeavesEveryWaitlist()
    {
        var world = Allocated();

        world.Do(r => r.Decline(world.Of(2), Day1), Day1);

        world.Of(2).Status.Should().Be(ApplicationStatus.Declined);
        world.Of(3).Should().Match<RankedApplication>(a => a.Status == ApplicationStatus.Offered && a.OfferingId == OfferingId(1) && a.OfferExpiresAt == Day1.AddDays(7));
        world.Round.Offering(OfferingId(2))!.Waitlist.Should().Equal(world.Of(5).Id);
        world.Events.TakeLast(2).Select(e => (e.Type, e.GrainId)).Should().Equal(("application.declined", world.Of(2).Id), ("application.offered", world.Of(3).Id));
    }

    [Fact]
    public void ExpiryChain_UnansweredOffersExpireOneAfterAnother_EachPlaceGoesOn()
    {
        var world = Allocated();
        world.Do(r => r.Accept(world.Of(1), Day1), Day1);
        world.Do(r => r.Decline(world.Of(4), Day1), Day1);
        world.Of(3).Should().Match<RankedApplication>(a => a.Status == ApplicationStatus.Offered && a.OfferingId == OfferingId(2) && a.OfferExpiresAt == Day1.AddDays(7));

        world.ExpireOffers(RoundWorld.Deadline.AddDays(7));
        world.Of(2).Status.Should().Be(ApplicationStatus.Expired, "the run's offers expire a week after the deadline");
        world.Of(3).Status.Should().Be(ApplicationStatus.Offered, "its offer runs a day longer");
        world.Round.Offering(OfferingId(1))!.Held.Should().Be(1, "child 3 holds an offer elsewhere, so nobody waits for offering 1");

        world.ExpireOffers(Day1.AddDays(7));
        world.Of(3).Status.Should().Be(ApplicationStatus.Expired);
        world.Of(5).Should().Match<RankedApplication>(a => a.Status == ApplicationStatus.Offered && a.OfferingId == OfferingId(2) && a.OfferExpiresAt == Day1.AddDays(14));

        world.ExpireOffers(Day1.AddDays(14));
        world.Of(5).Status.Should().Be(ApplicationStatus.Expired);
        world.Round.Offering(OfferingId(2))!.Held.Should().Be(0);
        world.Of(1).Status.Should().Be(ApplicationStatus.Accepted);
        world.Events.Count(e => e.Type == "application.expired").Should().Be(3);
    }

    [Fact]
    public void Expire_BeforeTheDeadline_ChangesNothing()
    {
        var world = Allocated();

        world.ExpireOffers(RoundWorld.Deadline.AddDays(7).AddTicks(-1));

        world.Applications.Values.Count(a => a.Status == ApplicationStatus.Offered).Should().Be(3);
    }

    [Fact]
    public void Accept_AfterTheOffersDeadline_Refused()
    {
        var world = Allocated();

        world.Do(r => r.Accept(world.Of(1), RoundWorld.Deadline.AddDays(7)), Day1).Refusal!.Code.Should().Be("offer.expired");
    }

    [Fact]
    public void Accept_Repeated_Idempotent()
    {
        var world = Allocated();
        world.Do(r => r.Accept(world.Of(1), Day1), Day1);

        world.Do(r => r.Accept(world.Of(1), Day1), Day1).Value!.Changed.Should().BeEmpty();
        world.Of(1).Status.Should().Be(ApplicationStatus.Accepted);
    }

    [Fact]
    public void Confirm_OnlyAnAcceptedPlace_BecomesAContract()
    {
        var world = Allocated();

        world.Do(r => r.Confirm(world.Of(1), Day1), Day1).Refusal!.Code.Should().Be("application.not_accepted");
        world.Do(r => r.Accept(world.Of(1), Day1), Day1);
        world.Do(r => r.Confirm(world.Of(1), Day1), Day1).Refusal.Should().BeNull();

        world.Of(1).Status.Should().Be(ApplicationStatus.Confirmed);
        world.Do(r => r.Reject(world.Of(1), "zu spät", Day1), Day1).Refusal!.Code.Should().Be("application.confirmed");
    }

    [Fact]
    public void Reject_WithReason_FreesThePlaceAndTellsTheFamilyWhy()
    {
        var world = Allocated();

        world.Do(r => r.Reject(world.Of(4), "Nachweis fehlt", Day1), Day1);

        world.Of(4).Should().Match<RankedApplication>(a => a.Status == ApplicationStatus.Rejected && a.Reason == "Nachweis fehlt");
        world.Events.Single(e => e.Type == "application.rejected").Data["reason"].Should().Be("Nachweis fehlt");
        world.Of(3).Should().Match<RankedApplication>(a => a.Status == ApplicationStatus.Offered && a.OfferingId == OfferingId(2));
    }

    [Fact]
    public void Reject_WithoutReason_Refused()
    {
        var world = Allocated();

        world.Do(r => r.Reject(world.Of(4), " ", Day1), Day1).Refusal!.Code.Should().Be("reason.required");
    }

    [Fact]
    public void Withdraw_WaitingChild_LeavesEveryWaitlist()
    {
        var world = Allocated();

        world.Do(r => r.Withdraw(world.Of(3), Day1), Day1);

        world.Round.Offerings.Should().OnlyContain(o => !o.Waitlist.Contains(world.Of(3).Id));
        world.Of(3).Status.Should().Be(ApplicationStatus.Withdrawn);
    }

    [Fact]
    public void ChangeCapacity_Raised_OffersToTheWaitlist()
    {
        var world = Allocated();

        world.Do(r => new RoundChange(r.ChangeCapacity(OfferingId(2), 2).Value!, [], []), Day1);

        world.Of(3).Should().Match<RankedApplication>(a => a.Status == ApplicationStatus.Offered && a.OfferingId == OfferingId(2));
        world.Round.Offering(OfferingId(2))!.Held.Should().Be(2);
    }

    [Fact]
    public void ChangeCapacity_LoweredBelowHeldPlaces_EvictsNobodyAndOffersNothing()
    {
        var world = Allocated();

        world.Do(r => new RoundChange(r.ChangeCapacity(OfferingId(1), 0).Value!, [], []), Day1);
        world.Do(r => r.Decline(world.Of(2), Day1), Day1);

        world.Of(1).Status.Should().Be(ApplicationStatus.Offered);
        world.Of(3).Status.Should().Be(ApplicationStatus.Waitlisted, "offering 1 is over its new capacity, so the freed place is not offered");
        world.Round.Offering(OfferingId(1))!.Held.Should().Be(1);
    }

    [Fact]
    public void MoveOnWaitlist_ToTheFront_GetsTheNextOffer()
    {
        var world = Allocated();
        world.Round.Offering(OfferingId(2))!.Waitlist.Should().Equal(world.Of(3).Id, world.Of(5).Id);

        world.Do(r => new RoundChange(r.MoveOnWaitlist(world.Of(5), OfferingId(2), 1).Value!, [], []), Day1);
        world.Do(r => r.Decline(world.Of(4), Day1), Day1);

        world.Of(5).Status.Should().Be(ApplicationStatus.Offered);
        world.Of(3).Status.Should().Be(ApplicationStatus.Waitlisted);
    }

    [Fact]
    public void Submit_AfterTheRun_WaitsAtTheEndOrIsOfferedAFreePlace()
    {
        var world = Allocated();
        world.Do(r => new RoundChange(r.ChangeCapacity(OfferingId(1), 3).Value!, [], []), Day1); // child 3 offered at 1

        var late = world.Submit(6, [2, 1], at: Day1);

        world.Of(3).OfferingId.Should().Be(OfferingId(1));
        world.Applications[late.Id].Status.Should().Be(ApplicationStatus.Waitlisted);
        world.Round.Offering(OfferingId(2))!.Waitlist.Should().Equal(world.Of(5).Id, late.Id);
    }
}
