using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;

namespace WebKita.Grains.Tests.Offerings;

/// <summary>First come, first served after the rush: a freed place is offered in arrival order, answered or left to expire, as chains under fake time.</summary>
public sealed class OfferingOfferTests
{
    private static readonly DateTimeOffset T = Examples.During.AddDays(1);

    /// <summary>Two places: children 1 and 2 hold them, 3, 4 and 5 wait in that order.</summary>
    private static OfferingWorld Full() => new OfferingWorld(Examples.Offering(capacity: 2)).Submit(1, 5, Examples.During);

    [Fact]
    public void Withdraw_HeldPlace_OfferedToHeadOfWaitlistUntilTheOfferPeriodEnds()
    {
        var world = Full();

        world.Do(1, (o, a) => o.Withdraw(a, T), T);

        world.Of(3).Should().Match<Application>(a => a.Status == ApplicationStatus.Offered && a.OfferExpiresAt == T.AddDays(7) && a.ChangedAt == T);
        world.Offering.Allocated.Should().Be(2, "an offered place is held");
        world.Offering.Waitlist.Should().Equal(world.Of(4).Id, world.Of(5).Id);
        world.Offering.Offers.Should().Equal(new OpenOffer(world.Of(3).Id, T.AddDays(7)));
        world.Offering.NextOfferExpiry.Should().Be(T.AddDays(7));
        world.Events.TakeLast(2).Select(e => (e.Type, e.GrainId)).Should().Equal(("application.withdrawn", world.Of(1).Id), ("application.offered", world.Of(3).Id));
        world.Events[^1].Data.Should().Contain("offerExpiresAt", T.AddDays(7).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Chain_WithdrawDeclineExpire_EachFreedPlaceGoesToTheNextInArrivalOrder()
    {
        var world = Full();
        world.Do(1, (o, a) => o.Withdraw(a, T), T);

        world.Do(3, (o, a) => o.Decline(a, T.AddDays(1)), T.AddDays(1));
        world.Of(3).Status.Should().Be(ApplicationStatus.Declined);
        world.Of(4).Should().Match<Application>(a => a.Status == ApplicationStatus.Offered && a.OfferExpiresAt == T.AddDays(8));
        world.Offering.Offers.Should().Equal(new OpenOffer(world.Of(4).Id, T.AddDays(8)));

        world.ExpireOffers(T.AddDays(8));
        world.Of(4).Status.Should().Be(ApplicationStatus.Expired);
        world.Of(5).Should().Match<Application>(a => a.Status == ApplicationStatus.Offered && a.OfferExpiresAt == T.AddDays(15));

        world.ExpireOffers(T.AddDays(15));
        world.Of(5).Status.Should().Be(ApplicationStatus.Expired);
        world.Offering.Should().Match<Offering>(o => o.Allocated == 1 && o.FreePlaces == 1 && o.Waitlist.IsEmpty && o.Offers.IsEmpty && o.NextOfferExpiry == null);
        world.Events.Where(e => e.GrainId == world.Of(4).Id).Select(e => e.Type).Should().Equal("application.waitlisted", "application.offered", "application.expired");
        world.Events.Where(e => e.GrainId == world.Of(3).Id).Select(e => e.Type).Should().Equal("application.waitlisted", "application.offered", "application.declined");
    }

    [Fact]
    public void ExpireOffers_BeforeTheDeadline_ChangesNothing()
    {
        var world = Full();
        world.Do(1, (o, a) => o.Withdraw(a, T), T);
        var before = world.Offering;

        world.ExpireOffers(T.AddDays(7).AddTicks(-1));

        world.Offering.Should().BeSameAs(before);
        world.Of(3).Status.Should().Be(ApplicationStatus.Offered);
        world.Offering.Expire(world.Of(3), T.AddDays(7).AddTicks(-1)).Changed.Should().BeFalse();
    }

    [Fact]
    public void Accept_OpenOffer_HoldsThePlaceAndClosesTheOffer()
    {
        var world = Full();
        world.Do(1, (o, a) => o.Withdraw(a, T), T);

        world.Do(3, (o, a) => o.Accept(a, T.AddDays(2)), T.AddDays(2)).Should().BeNull();

        world.Of(3).Should().Match<Application>(a => a.Status == ApplicationStatus.Accepted && a.ChangedAt == T.AddDays(2));
        world.Offering.Should().Match<Offering>(o => o.Allocated == 2 && o.Offers.IsEmpty && o.NextOfferExpiry == null);
        world.Events[^1].Type.Should().Be("application.accepted");
        world.ExpireOffers(T.AddDays(30));
        world.Of(3).Status.Should().Be(ApplicationStatus.Accepted, "an accepted offer never expires");
    }

    [Fact]
    public void Accept_AfterTheDeadlineBeforeTheReminderFired_RefusedAsExpired()
    {
        var world = Full();
        world.Do(1, (o, a) => o.Withdraw(a, T), T);

        var refusal = world.Do(3, (o, a) => o.Accept(a, T.AddDays(7)), T.AddDays(7));

        refusal!.Code.Should().Be("offer.expired");
        world.Of(3).Status.Should().Be(ApplicationStatus.Offered, "the reminder expires it and offers the place on");
    }

    [Fact]
    public void AcceptAndDecline_Repeated_ChangeNothing()
    {
        var world = Full();
        world.Do(1, (o, a) => o.Withdraw(a, T), T);
        world.Do(2, (o, a) => o.Withdraw(a, T), T);
        world.Do(3, (o, a) => o.Accept(a, T), T);
        world.Do(4, (o, a) => o.Decline(a, T), T);
        var (offering, events) = (world.Offering, world.Events.Count);

        var accepted = world.Offering.Accept(world.Of(3), T.AddHours(1)).Value!;
        var declined = world.Offering.Decline(world.Of(4), T.AddHours(1)).Value!;

        accepted.Should().Match<ApplicationChange>(c => c.Offering == offering && c.Application == world.Of(3) && !c.Changed);
        declined.Should().Match<ApplicationChange>(c => c.Offering == offering && c.Application == world.Of(4) && !c.Changed);
        world.Events.Should().HaveCount(events);
    }

    [Fact]
    public void AcceptOrDecline_WithoutAnOpenOffer_RefusedNotOffered()
    {
        var world = Full();

        world.Offering.Accept(world.Of(3), T).Refusal!.Code.Should().Be("application.not_offered");
        world.Offering.Decline(world.Of(1), T).Refusal!.Code.Should().Be("application.not_offered");
        world.Offering.Decline(world.Of(3), T).Refusal!.Code.Should().Be("application.not_offered");
    }

    [Fact]
    public void RaiseCapacity_OffersTheNewPlacesInArrivalOrder()
    {
        var world = Full();

        world.ChangeCapacity(4, T);

        world.Of(3).Status.Should().Be(ApplicationStatus.Offered);
        world.Of(4).Status.Should().Be(ApplicationStatus.Offered);
        world.Of(5).Status.Should().Be(ApplicationStatus.Waitlisted);
        world.Offering.Should().Match<Offering>(o => o.Allocated == 4 && o.FreePlaces == 0 && o.WaitlistPosition(world.Of(5).Id) == 1);
    }

    [Fact]
    public void LowerCapacity_BelowHeldPlaces_EvictsNobodyAndOffersNothingUntilBelowIt()
    {
        var world = Full();
        world.ChangeCapacity(4, T);

        world.ChangeCapacity(1, T);
        world.Of(1).Status.Should().Be(ApplicationStatus.Accepted);
        world.Of(3).Status.Should().Be(ApplicationStatus.Offered, "an offer made stands");
        world.Offering.Allocated.Should().Be(4);

        world.Do(4, (o, a) => o.Decline(a, T), T);
        world.Do(1, (o, a) => o.Withdraw(a, T), T);
        world.Do(2, (o, a) => o.Withdraw(a, T), T);
        world.Of(5).Status.Should().Be(ApplicationStatus.Waitlisted, "one place is held, the capacity is one");
        world.Do(3, (o, a) => o.Decline(a, T), T);
        world.Of(5).Status.Should().Be(ApplicationStatus.Offered);
    }

    [Fact]
    public void Submit_AfterTheWaitlistRanDry_FreePlaceAcceptedAtOnce()
    {
        var world = new OfferingWorld(Examples.Offering(capacity: 1)).Submit(1, 2, Examples.During);
        world.Do(1, (o, a) => o.Withdraw(a, T), T);
        world.ExpireOffers(T.AddDays(7));

        world.Submit(3, 3, T.AddDays(8));

        world.Of(3).Status.Should().Be(ApplicationStatus.Accepted);
    }

    [Theory]
    [InlineData(ApplicationStatus.Declined, true)]
    [InlineData(ApplicationStatus.Expired, true)]
    [InlineData(ApplicationStatus.Rejected, false)]
    public void Submit_AgainAfterTheOfferEnded_NewArrivalUnlessRejected(ApplicationStatus ended, bool created)
    {
        var world = Full();
        world.Do(1, (o, a) => o.Withdraw(a, T), T);
        switch (ended)
        {
            case ApplicationStatus.Declined:
                world.Do(3, (o, a) => o.Decline(a, T), T);
                break;
            case ApplicationStatus.Expired:
                world.ExpireOffers(T.AddDays(7));
                break;
            default:
                world.Do(3, (o, a) => o.Reject(a, "Doppelt angemeldet", T), T);
                break;
        }

        var booking = world.Offering.Submit(world.Of(3), Examples.Child(3), T.AddDays(8)).Value!;

        booking.Created.Should().Be(created);
        booking.Application.Status.Should().Be(created ? ApplicationStatus.Waitlisted : ApplicationStatus.Rejected);
        if (created)
        {
            booking.Application.Should().Match<Application>(a => a.Id == world.Of(3).Id && a.Arrival == 6 && a.OfferExpiresAt == null && a.Reason == null);
            booking.Offering.Waitlist[^1].Should().Be(world.Of(3).Id, "at the back of the line");
        }
    }

    [Fact]
    public void Submit_WhileOthersWaitForAFreePlace_WaitsBehindThem()
    {
        var (offering, applications) = Examples.Submitted(Examples.Offering(capacity: 1), 2);
        var freed = offering.Withdraw(applications[0], T).Value!.Offering; // not yet offered on

        var booking = freed.Submit(null, Examples.Child(3), T).Value!;

        booking.Application.Status.Should().Be(ApplicationStatus.Waitlisted, "arrival order: the place belongs to child 2");
        booking.Offering.NextOffer().Should().Be(applications[1].Id);
    }

    [Fact]
    public void Offer_NotNextInLine_Throws()
    {
        var world = Full();
        world.ChangeCapacity(3, T);

        var offer = () => world.Offering.Offer(world.Of(4), T);

        offer.Should().Throw<ArgumentException>().WithMessage($"Application {world.Of(4).Id} is Waitlisted and not next in line for a free place of offering {Examples.OfferingId}.*");
    }

    [Fact]
    public void NextOffer_CriteriaAtDeadline_NeverOffers()
    {
        var (offering, _) = Examples.Submitted(Examples.Offering(capacity: 5, mode: AllocationMode.CriteriaAtDeadline), 3);

        offering.NextOffer().Should().BeNull();
    }

    [Fact]
    public void Offer_UsesTheOfferingsOfferPeriod()
    {
        var terms = Examples.Terms(capacity: 1) with { OfferDays = 2 };
        var world = new OfferingWorld(Offering.Create(Examples.Tenant, Examples.OfferingId, terms).Value!).Submit(1, 2, Examples.During);

        world.Do(1, (o, a) => o.Withdraw(a, T), T);

        world.Of(2).OfferExpiresAt.Should().Be(T.AddDays(2));
    }
}
