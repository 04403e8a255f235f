using WebKita.Grains.Offerings;

namespace WebKita.Grains.Tests.Offerings;

public sealed class OfferingAdvancePhaseTests
{
    [Fact]
    public void AdvancePhase_AtOpens_OpensWithOneEvent()
    {
        var (opened, events) = Examples.Offering().AdvancePhase(Examples.Opens);

        opened.Phase.Should().Be(RegistrationPhase.Open);
        events.Should().ContainSingle();
        events[0].Type.Should().Be("offering.registration_open");
        events[0].GrainId.Should().Be(Examples.OfferingId);
        events[0].OccurredAt.Should().Be(Examples.Opens);
        events[0].Data.Should().Equal(new Dictionary<string, string> { ["phase"] = "Open" });
    }

    [Fact]
    public void AdvancePhase_Repeated_ChangesNothing()
    {
        var (opened, _) = Examples.Offering().AdvancePhase(Examples.Opens);

        var (again, events) = opened.AdvancePhase(Examples.Opens.AddMinutes(1));

        again.Should().BeSameAs(opened);
        events.Should().BeEmpty();
    }

    [Fact]
    public void AdvancePhase_BeforeOpens_StaysScheduledWithoutEvent()
    {
        var offering = Examples.Offering();

        var (same, events) = offering.AdvancePhase(Examples.Opens.AddTicks(-1));

        same.Should().BeSameAs(offering);
        events.Should().BeEmpty();
    }

    [Fact]
    public void AdvancePhase_AtCloses_ClosesWithClosedEvent()
    {
        var (opened, _) = Examples.Offering().AdvancePhase(Examples.Opens);

        var (closed, events) = opened.AdvancePhase(Examples.Closes);

        closed.Phase.Should().Be(RegistrationPhase.Closed);
        events.Select(e => e.Type).Should().Equal("offering.registration_closed");
        closed.AdvancePhase(Examples.Closes.AddDays(1)).Events.Should().BeEmpty();
    }

    [Fact]
    public void PhaseAt_WindowsEdges_FollowsTheClockWhateverWasRecorded()
    {
        var recordedScheduled = Examples.Offering();

        recordedScheduled.PhaseAt(Examples.Opens.AddTicks(-1)).Should().Be(RegistrationPhase.Scheduled);
        recordedScheduled.PhaseAt(Examples.Opens).Should().Be(RegistrationPhase.Open);
        recordedScheduled.PhaseAt(Examples.Closes).Should().Be(RegistrationPhase.Closed);
        recordedScheduled.Phase.Should().Be(RegistrationPhase.Scheduled, "only the reminder records a phase");
    }
}
