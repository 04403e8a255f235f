using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;
using WebKita.Grains.Rounds;
using static WebKita.Grains.Tests.Allocation.AllocationExamples;

namespace WebKita.Grains.Tests.Rounds;

public sealed class RoundRunTests
{
    /// <summary>School A offers 2 places (offering 1), school B 1 place (offering 2).</summary>
    private static RoundWorld Golden()
    {
        var world = new RoundWorld((1, SchoolA, 2), (2, SchoolB, 1));
        world.Submit(1, [1, 2], Employed(2));
        world.Submit(2, [1, 2], Employed(1));
        world.Submit(3, [1, 2]);
        world.Submit(4, [2], Employed(1));
        return world;
    }

    [Fact]
    public void Allocate_GoldenCase_OffersByPointsAndWaitsInRankOrder()
    {
        var world = Golden();

        world.Run();

        var expires = RoundWorld.Deadline.AddDays(7);
        world.Of(1).Should().Match<RankedApplication>(a => a.Status == ApplicationStatus.Offered && a.OfferingId == OfferingId(1) && a.OfferExpiresAt == expires);
        world.Of(2).Should().Match<RankedApplication>(a => a.Status == ApplicationStatus.Offered && a.OfferingId == OfferingId(1));
        world.Of(4).Should().Match<RankedApplication>(a => a.Status == ApplicationStatus.Offered && a.OfferingId == OfferingId(2));
        world.Of(3).Status.Should().Be(ApplicationStatus.Waitlisted);
        world.Round.Offerings.Select(o => (o.Held, o.Waitlist.Single())).Should().Equal((2, world.Of(3).Id), (1, world.Of(3).Id));
        world.Round.Phase.Should().Be(RoundPhase.Allocated);
        world.Round.Run.Should().BeEquivalentTo(new PublishedRun(Seed, 3, RoundWorld.Deadline, 4, 3, 0, 1, []));
        world.Round.NextOfferExpiry.Should().Be(expires);
    }

    [Fact]
    public void Allocate_GoldenCase_ExplainsPointsRankAndCutOffAtEveryChoice()
    {
        var world = Golden();

        world.Run();

        var explanation = world.Round.Explain(world.Of(3))!;
        explanation.Seed.Should().Be(Seed);
        explanation.LotteryNumber.Should().Be(Lottery.Draw(Seed, world.Of(3).Id));
        explanation.Offerings.Select(o => (o.OfferingId, o.Score.Total, o.Rank, o.Applicants, o.CutOff!.Points, o.Admitted))
            .Should().Equal((OfferingId(1), 0, 3, 3, 50, false), (OfferingId(2), 0, 4, 4, 50, false)); // the rank counts everyone who listed the offering, also those placed at a better choice
    }

    [Fact]
    public void Allocate_Events_OneStatusEventPerApplicationAndTheRoundsRecord()
    {
        var world = Golden();
        world.Events.Clear();

        world.Run();

        world.Events.Select(e => e.Type).Should().BeEquivalentTo(
            ["application.offered", "application.offered", "application.offered", "application.waitlisted", "round.allocated"]);
        world.Events.Single(e => e.GrainId == world.Of(3).Id).Data["waitlistPosition"].Should().Be("1");
        world.Events.Single(e => e.GrainId == world.Of(1).Id).Data["offerExpiresAt"].Should().Be("2027-03-08T00:00:00.0000000+00:00");
        world.Events.Single(e => e.Type == "round.allocated").Data["seed"].Should().Be(Seed);
    }

    [Fact]
    public void Allocate_Twice_SecondRunChangesNothing()
    {
        var world = Golden();
        world.Run();

        world.Run("another seed").Should().BeNull();
        world.Round.Run!.Seed.Should().Be(Seed);
    }

    [Fact]
    public void Simulate_WithThePublishedSeed_ReproducesTheRun()
    {
        var world = Golden();
        var before = world.Applications.Values.ToList();
        var dryRun = world.Round.Simulate(before, Rules(), Seed);

        world.Run();

        dryRun.Placements.Select(p => (p.ApplicationId, p.OfferingId))
            .Should().BeEquivalentTo(world.Applications.Values.Select(a => (a.Id, a.OfferingId)));
        world.Round.Simulate(before, Rules(), "other").Seed.Should().Be("other");
    }

    [Fact]
    public void Explain_AfterTheRun_EqualsTheExplanationOfTheDryRunWithThePublishedSeed()
    {
        var world = Golden();
        var dryRun = world.Round.Simulate([.. world.Applications.Values], Rules(), Seed);

        world.Run();

        foreach (var placement in dryRun.Placements)
        {
            world.Round.Explain(world.Applications[placement.ApplicationId]).Should().BeEquivalentTo(placement.Explanation, o => o.WithStrictOrdering());
        }
    }

    [Fact]
    public void Explain_CapacityChangedAfterTheRun_StillShowsTheCapacityTheRunUsed()
    {
        var world = Golden();
        world.Run();
        var before = world.Round.Explain(world.Of(3))!;

        world.Do(r => r.ChangeCapacity(OfferingId(1), 5).Value is { } round ? new RoundChange(round, [], []) : throw new InvalidOperationException(), RoundWorld.Deadline);

        world.Round.Offering(OfferingId(1))!.Capacity.Should().Be(5);
        world.Round.Explain(world.Of(3)).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
        before.Offerings[0].Capacity.Should().Be(2);
    }

    [Fact]
    public void Allocate_EntitledChildrenBeyondCapacity_OfferedAboveCapacityAndShortfallReported()
    {
        var world = new RoundWorld((1, SchoolA, 1));
        world.Submit(1, [1], grade: 1);
        world.Submit(2, [1], grade: 1);
        world.Submit(3, [1], Employed(2), grade: 3);

        world.Run();

        world.Applications.Values.Should().OnlyContain(a => a.Status == ApplicationStatus.Offered, "the ranking gives the one place, then entitled children are placed above it");
        world.Round.Explain(world.Of(3))!.Offerings[0].Rank.Should().Be(1);
        world.Round.Offerings[0].Held.Should().Be(3);
        world.Round.Run!.Shortfalls.Should().Equal(new SchoolShortfall(SchoolA, 2));
        world.Round.Run.PlacedAboveCapacity.Should().Be(2);
    }

    [Fact]
    public void Submit_AtTheDeadlineBeforeTheRun_Refused()
    {
        var world = new RoundWorld((1, SchoolA, 1));

        var outcome = world.Round.Submit(null, new ApplicationForm(RoundWorld.ChildNamed(1), [OfferingId(1)], ApplicantFacts.None, null, null), RoundWorld.Deadline);

        outcome.Refusal!.Code.Should().Be("registration.closed");
    }

    [Theory]
    [InlineData(new int[0], "preferences")]
    [InlineData(new[] { 1, 1 }, "preferences")]
    [InlineData(new[] { 1, 2, 3, 4 }, "preferences")]
    [InlineData(new[] { 9 }, "preferences[0]")]
    public void Submit_BadPreferences_RefusedWithTheField(int[] offerings, string field)
    {
        var world = new RoundWorld((1, SchoolA, 1), (2, SchoolA, 1), (3, SchoolB, 1), (4, SchoolB, 1));
        var form = new ApplicationForm(RoundWorld.ChildNamed(1), [.. offerings.Select(OfferingId)], ApplicantFacts.None, null, null);

        var outcome = world.Round.Submit(null, form, RoundWorld.Before);

        outcome.Refusal!.Code.Should().Be("application.preferences_invalid");
        outcome.Refusal.Fields!.Select(f => f.Field).Should().Contain(field);
    }

    [Fact]
    public void Submit_Repeated_ReturnsNoChange()
    {
        var world = new RoundWorld((1, SchoolA, 1));
        var first = world.Submit(1, [1]);
        var form = new ApplicationForm(RoundWorld.ChildNamed(1), [OfferingId(1)], ApplicantFacts.None, null, null);

        var again = world.Round.Submit(first, form, RoundWorld.Before).Value!;

        again.Changed.Should().BeEmpty();
        world.Round.Arrivals.Should().Be(1);
    }

    [Fact]
    public void VerifyEvidence_ClaimedEmployment_CountsOnlyOnceVerified()
    {
        var world = new RoundWorld((1, SchoolA, 1));
        var unverified = world.Submit(1, [1], Employed(1, verified: false));
        world.Submit(2, [1], Employed(1, verified: false));

        var verified = world.Round.VerifyEvidence(unverified, new EvidenceItem(EvidenceKind.Guardian, 0), RoundWorld.Before).Value!;
        world.Applications[verified.Id] = verified;
        world.Run();

        world.Of(1).Status.Should().Be(ApplicationStatus.Offered);
        world.Round.Explain(world.Of(1))!.Offerings[0].Score.Total.Should().Be(50);
        world.Round.Explain(world.Of(2))!.Offerings[0].Score.Total.Should().Be(0);
    }

    [Fact]
    public void VerifyEvidence_NothingClaimed_Refused()
    {
        var world = new RoundWorld((1, SchoolA, 1));
        var application = world.Submit(1, [1]);

        world.Round.VerifyEvidence(application, new EvidenceItem(EvidenceKind.SingleParent), RoundWorld.Before).Refusal!.Code.Should().Be("evidence.not_claimed");
    }
}
