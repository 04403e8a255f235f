using WebKita.Grains.Offerings;

namespace WebKita.Grains.Tests.Offerings;

public sealed class OfferingChangeTermsTests
{
    [Fact]
    public void ChangeTerms_RaisingCapacity_FreesPlacesForTheHeadOfTheWaitlist()
    {
        var (offering, applications) = Examples.Submitted(Examples.Offering(capacity: 2), 6);

        var raised = offering.ChangeTerms(Examples.Terms(capacity: 4)).Value!;

        raised.FreePlaces.Should().Be(2);
        raised.NextOffer().Should().Be(applications[2].Id);
        raised.Allocated.Should().Be(2, "the places are offered, by the silo, one after another");
    }

    [Fact]
    public void ChangeTerms_LoweringCapacityBelowAllocated_EvictsNobody()
    {
        var (offering, applications) = Examples.Submitted(Examples.Offering(capacity: 3), 4);

        var lowered = offering.ChangeTerms(Examples.Terms(capacity: 1)).Value!;

        lowered.Terms.Capacity.Should().Be(1);
        lowered.Allocated.Should().Be(3);
        lowered.FreePlaces.Should().Be(0);
        lowered.Waitlist.Should().Equal(applications[3].Id);
        lowered.NextOffer().Should().BeNull();
    }

    [Fact]
    public void ChangeTerms_LoweredThenOnePlaceFreed_OffersNothingUntilBelowCapacity()
    {
        var (offering, applications) = Examples.Submitted(Examples.Offering(capacity: 3), 4);
        var lowered = offering.ChangeTerms(Examples.Terms(capacity: 1)).Value!;

        var afterOne = lowered.Withdraw(applications[0], Examples.During).Value!.Offering;

        afterOne.Allocated.Should().Be(2);
        afterOne.NextOffer().Should().BeNull();
    }

    [Fact]
    public void ChangeTerms_ModeChangeAfterArrivals_RefusesMode()
    {
        var (offering, _) = Examples.Submitted(Examples.Offering(), 1);

        var outcome = offering.ChangeTerms(Examples.Terms(mode: AllocationMode.CriteriaAtDeadline));

        outcome.Refusal!.Code.Should().Be("offering.invalid");
        outcome.Refusal.Fields!.Select(f => f.Field).Should().Equal("mode");
    }

    [Fact]
    public void ChangeTerms_ModeChangeBeforeArrivals_Accepts()
    {
        var outcome = Examples.Offering().ChangeTerms(Examples.Terms(mode: AllocationMode.CriteriaAtDeadline));

        outcome.Value!.Terms.Mode.Should().Be(AllocationMode.CriteriaAtDeadline);
    }

    [Fact]
    public void ChangeTerms_OtherSchool_RefusesSchoolId()
    {
        var outcome = Examples.Offering().ChangeTerms(Examples.Terms() with { SchoolId = Guid.Parse("5c0a0000-0000-4000-8000-000000000002") });

        outcome.Refusal!.Fields!.Select(f => f.Field).Should().Equal("schoolId");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(OfferingTerms.MaxOfferDays + 1)]
    public void ChangeTerms_OfferPeriodOutOfRange_RefusesOfferDays(int days)
    {
        var outcome = Examples.Offering().ChangeTerms(Examples.Terms() with { OfferDays = days });

        outcome.Refusal!.Fields!.Select(f => f.Field).Should().Equal("offerDays");
    }

    [Fact]
    public void Create_WithoutOfferPeriod_OffersForAWeek()
    {
        Examples.Offering().Terms.OfferDays.Should().Be(7);
    }

    [Fact]
    public void ChangeTerms_InvalidTitle_RefusesAndTrimsValidOne()
    {
        var offering = Examples.Offering();

        offering.ChangeTerms(Examples.Terms() with { Title = "" }).Refusal!.Fields!.Select(f => f.Field).Should().Equal("title");
        offering.ChangeTerms(Examples.Terms() with { Title = " Neu " }).Value!.Terms.Title.Should().Be("Neu");
    }
}
